using System.Security.Claims;
using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using RoyaAudio.Server.Database;

namespace RoyaAudio.Server.Security;

/// <summary>
/// Editor sign-ins kept server-side: the cookie names its session, the key it was issued for and a stamp
/// of that key. A request is refused once the session was ended (sign-out, on any node) or the key is gone
/// or changed, whatever the cookie's own expiry says.
/// </summary>
public sealed class EditorSessions(AppDatabase database, EditorKeys keys, TimeProvider clock)
{
    public const string SessionClaim = "roya:session";
    public const string StampClaim = "roya:key-stamp";

    /// <summary>Adds a new session to a principal just signed in with a key.</summary>
    public async Task<ClaimsPrincipal> StartAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var identity = (ClaimsIdentity)principal.Identity!;
        var name = identity.Name ?? "";
        var stamp = keys.StampOf(name) ?? throw new InvalidOperationException($"key '{name}' signed in but is not configured");
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO editor_sessions (id, key_name, key_stamp, started_at) VALUES (@id, @name, @stamp, @now)",
            new { id, name, stamp, now = clock.GetUtcNow().ToUnixTimeMilliseconds() });
        identity.AddClaim(new Claim(SessionClaim, id));
        identity.AddClaim(new Claim(StampClaim, stamp));
        return principal;
    }

    public async Task EndAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirst(SessionClaim)?.Value is not { } id)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE editor_sessions SET ended_at=@now WHERE id=@id AND ended_at IS NULL", new { id, now = clock.GetUtcNow().ToUnixTimeMilliseconds() });
    }

    /// <summary>Cookie validation: rejects a cookie whose session ended or whose key is gone or changed.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var id = principal?.FindFirst(SessionClaim)?.Value;
        var stamp = principal?.FindFirst(StampClaim)?.Value;
        var current = principal?.Identity?.Name is { } name ? keys.StampOf(name) : null;
        var live = false;
        if (id is not null && current is not null && stamp == current)
        {
            await using var connection = await database.OpenAsync(context.HttpContext.RequestAborted);
            live = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM editor_sessions WHERE id=@id AND key_stamp=@stamp AND ended_at IS NULL", new { id, stamp }) == 1;
        }

        if (!live)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(EditorSignIn.CookieScheme);
        }
    }
}
