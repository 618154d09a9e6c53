using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using System.Text;

namespace RoyaAudio.Server.Security;

/// <summary>
/// The configured editor and admin keys. A key is compared as a SHA-256 digest in constant time against
/// every configured key, so neither timing nor an early exit tells a caller how close a guess came.
/// </summary>
public sealed class EditorKeys(IOptions<SecurityOptions> security)
{
    public ClaimsPrincipal? SignIn(string? key, string scheme)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim()));
        ApiKeyOptions? match = null;
        foreach (var configured in security.Value.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(configured.Key))))
            {
                match ??= configured;
            }
        }

        return match is null
            ? null
            : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, match.Name), new Claim(ClaimTypes.Role, match.Role)], scheme));
    }

    /// <summary>
    /// A short digest of the key configured under <paramref name="name"/> (null when there is none), sealed
    /// into sign-in cookies: changing the key changes the stamp, and every cookie issued for the old key fails.
    /// </summary>
    public string? StampOf(string name) =>
        security.Value.ApiKeys.FirstOrDefault(k => k.Name == name) is { } configured
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("roya-cookie-stamp:" + configured.Key)))[..32]
            : null;
}
