
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RoyaAudio.Server.Security;

/// <summary>
/// Editors and admins calling the API send <c>Authorization: Bearer &lt;key&gt;</c>; the editor page signs
/// in once with the same key and then carries a cookie (see <see cref="EditorSignIn"/>).
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, EditorKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var principal = keys.SignIn(header["Bearer ".Length..], SchemeName);
        if (principal is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "An editor API key is required: send Authorization: Bearer <key>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "This key's role may not do this.");

    private Task WriteProblemAsync(int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status).ExecuteAsync(Context);
}

public static class Policies
{
    /// <summary>Editors and admins.</summary>
    public const string Editor = "editor";

    public const string Admin = "admin";
}
