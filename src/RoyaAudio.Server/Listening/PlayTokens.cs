using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace RoyaAudio.Server.Listening;

/// <summary>
/// A page view's right to be counted: the audio API hands the player a sealed token naming the article and
/// a random view id; listening events count only with it, and each view counts one play and each mark once.
/// The token says nothing about the listener. Sealed with the shared data-protection key ring, so any web
/// node reads what another issued.
/// </summary>
public sealed class PlayTokens(IDataProtectionProvider provider, TimeProvider clock)
{
    /// <summary>A page left open longer than this stops counting: nobody listens to one story for half a day.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("RoyaAudio.Listening.PlayToken.v1").ToTimeLimitedDataProtector();

    public string Issue(string articleId) =>
        _protector.Protect($"{articleId}\n{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}", clock.GetUtcNow() + Lifetime);

    /// <summary>The view id the token carries for <paramref name="articleId"/>, or null when it is forged, expired or for another article.</summary>
    public string? ViewOf(string? token, string articleId)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token, out _).Split('\n');
            return parts.Length == 2 && parts[0] == articleId ? parts[1] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
