using System.Globalization;
using System.Security.Cryptography;


namespace RoyaAudio.Server.Security;

/// <summary>
/// The CMS signs <c>"{timestamp}.{body}"</c> with HMAC-SHA256 and the shared secret and sends
/// <c>X-Roya-Timestamp</c> and <c>X-Roya-Signature: sha256=&lt;hex&gt;</c>. The timestamp is inside the
/// signature, so an old body cannot be replayed with a fresh timestamp.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Roya-Timestamp";
    public const string SignatureHeader = "X-Roya-Signature";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = System.Text.Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>Null when the call is authentic and fresh, else why not (for the 401 answer).</summary>
    public static string? Check(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return $"the {TimestampHeader} and {SignatureHeader} headers are required";
        }

        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return $"{TimestampHeader} must be unix seconds";
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return $"{TimestampHeader} is more than {tolerance.TotalSeconds:F0} s from the server's clock (replayed or clock skew)";
        }

        var expected = System.Text.Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var given = System.Text.Encoding.ASCII.GetBytes(signatureHeader.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, given)
            ? null
            : $"{SignatureHeader} does not match the body (expected sha256=<hex HMAC-SHA256 of \"{{timestamp}}.{{body}}\">)";
    }
}
