using System.Security.Claims;
using System.Security.Cryptography;

using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RoyaAudio.Server.Security;

/// <summary>
/// Editors and admins send <c>Authorization: Bearer &lt;key&gt;</c>. Keys are compared as SHA-256 digests in
/// constant time against every configured key, so neither timing nor an early exit tells a caller how
/// close a guess came.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<SecurityOptions> security)
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

        var given = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        ApiKeyOptions? match = null;
        foreach (var key in security.Value.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key.Key))))
            {
                match ??= key;
            }
        }

        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, match.Name), new Claim(ClaimTypes.Role, match.Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
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
