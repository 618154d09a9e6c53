using System.Text;

namespace RoyaAudio.Text;

/// <summary>
/// UTF-8 that throws on malformed bytes instead of replacing them: a body that is signed, stored or counted
/// must be read exactly as sent, or refused.
/// </summary>
public static class StrictUtf8
{
    public static UTF8Encoding Encoding { get; } = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
