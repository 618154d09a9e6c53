using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RoyaAudio.Server.Security;

/// <summary>
/// The CMS signs <c>"{timestamp}.{body}"</c> with HMAC-SHA256 and the shared secret and sends
/// <c>X-Roya-Timestamp</c> and <c>X-Roya-Signature: sha256=&lt;hex&gt;</c>. The timestamp is inside the
/// signature, so an old body cannot be replayed with a fresh timestamp. The headers are judged before the
/// body is read, and the body is hashed as it arrives.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Roya-Timestamp";
    public const string SignatureHeader = "X-Roya-Signature";
    private const string Prefix = "sha256=";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = Start(secret, timestamp);
        hmac.AppendData(body);
        return Prefix + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>The HMAC of <c>"{timestamp}."</c>, to which the body is appended as it is read.</summary>
    public static IncrementalHash Start(string secret, long timestamp)
    {
        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        return hmac;
    }

    /// <summary>The signed timestamp when both headers are there and the timestamp is fresh, else why not (for the 401 answer).</summary>
    public static (long Timestamp, string? Refusal) CheckHeaders(string? timestampHeader, string? signatureHeader, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return (0, $"the {TimestampHeader} and {SignatureHeader} headers are required");
        }

        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return (0, $"{TimestampHeader} must be unix seconds");
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return (0, $"{TimestampHeader} is more than {tolerance.TotalSeconds:F0} s from the server's clock (replayed or clock skew)");
        }

        return ParseSignature(signatureHeader) is null
            ? (0, $"{SignatureHeader} must be sha256=<64 hex digits>")
            : (timestamp, null);
    }

    /// <summary>Null when the signature header matches the finished HMAC (hex in either case, compared in constant time).</summary>
    public static string? Verify(string signatureHeader, IncrementalHash hmac)
    {
        ArgumentNullException.ThrowIfNull(hmac);
        var given = ParseSignature(signatureHeader);
        var expected = hmac.GetHashAndReset();
        return given is not null && CryptographicOperations.FixedTimeEquals(expected, given)
            ? null
            : $"{SignatureHeader} does not match the body (expected sha256=<hex HMAC-SHA256 of \"{{timestamp}}.{{body}}\">)";
    }

    private static byte[]? ParseSignature(string? header)
    {
        var value = header?.Trim();
        if (value is null || !value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || value.Length != Prefix.Length + 64)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(value.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
