using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Tests.Storage;

public sealed class StorageKeyTests
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("audio/article-42/{h}.mp3", "audio/mpeg")]
    [InlineData("audio/A.b_c-9/{h}.vtt", "text/vtt; charset=utf-8")]
    [InlineData("units/01/{h}.wav", "audio/wav")]
    public void Well_formed_keys_parse_with_their_content_type_and_hash(string value, string contentType)
    {
        var key = StorageKey.Parse(value.Replace("{h}", Hash, StringComparison.Ordinal));

        Assert.Equal(contentType, key.ContentType);
        Assert.Equal(Hash, key.ContentHash);
    }

    [Fact]
    public void Keys_are_built_from_their_parts()
    {
        Assert.Equal($"audio/a1/{Hash}.mp3", StorageKey.ForAudio("a1", Hash, "mp3").Value);
        Assert.Equal($"units/01/{Hash}.wav", StorageKey.ForUnit(Hash).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("audio/../x")]
    [InlineData("audio/a/..%2f")]
    [InlineData("audio/../audio/a/{h}.mp3")]
    [InlineData("audio/a/../{h}.mp3")]
    [InlineData("audio/..%2f..%2fetc/{h}.mp3")]
    [InlineData("audio/%2e%2e/{h}.mp3")]
    [InlineData("audio/./{h}.mp3")]
    [InlineData("audio/.hidden/{h}.mp3")]
    [InlineData("audio//{h}.mp3")]
    [InlineData("audio/a/b/{h}.mp3")]
    [InlineData("/audio/a/{h}.mp3")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/audio/a/{h}.mp3")]
    [InlineData(@"C:\audio\a\{h}.mp3")]
    [InlineData(@"audio\a\{h}.mp3")]
    [InlineData(@"audio/a\..\..\{h}.mp3")]
    [InlineData("audio/a/{H}.mp3")]
    [InlineData("units/AB/{H}.wav")]
    [InlineData("audio/a/{h}.wav")]
    [InlineData("audio/a/{h}.mp4")]
    [InlineData("audio/a/{h}.MP3")]
    [InlineData("audio/a/{h}")]
    [InlineData("units/01/{h}.mp3")]
    [InlineData("units/0/{h}.wav")]
    [InlineData("units/01/{h}0.wav")]
    [InlineData("audio/a/0123456789abcdef.mp3")]
    [InlineData("audio/a/{h}.mp3\n")]
    [InlineData("audio/a/{h}.mp3 ")]
    [InlineData(" audio/a/{h}.mp3")]
    [InlineData("audio/a\0/{h}.mp3")]
    [InlineData("audio/é/{h}.mp3")]
    [InlineData("audio/a%20b/{h}.mp3")]
    [InlineData("media/a/{h}.mp3")]
    [InlineData("AUDIO/a/{h}.mp3")]
    public void Malformed_and_traversal_looking_keys_are_refused(string value)
    {
        var candidate = value.Replace("{h}", Hash, StringComparison.Ordinal).Replace("{H}", Hash.ToUpperInvariant(), StringComparison.Ordinal);

        Assert.False(StorageKey.TryParse(candidate, out _));
        Assert.Throws<ArgumentException>(() => StorageKey.Parse(candidate));
    }

    [Fact]
    public void Null_and_very_long_keys_are_refused()
    {
        Assert.False(StorageKey.TryParse(null, out _));
        Assert.False(StorageKey.TryParse($"audio/{new string('a', 129)}/{Hash}.mp3", out _));
        Assert.False(StorageKey.TryParse(new string('a', 100_000), out _));
        Assert.True(StorageKey.TryParse($"audio/{new string('a', 128)}/{Hash}.mp3", out _));
    }

    [Theory]
    [InlineData("..", "mp3")]
    [InlineData("a/b", "mp3")]
    [InlineData("a", "../x")]
    [InlineData("a", "wav")]
    public void Audio_keys_cannot_be_built_from_hostile_parts(string articleId, string extension)
    {
        Assert.Throws<ArgumentException>(() => StorageKey.ForAudio(articleId, Hash, extension));
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../../etc/passwd")]
    [InlineData("0123456789abcdef")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")]
    public void Unit_keys_must_be_a_lowercase_sha256(string unitKey)
    {
        Assert.Throws<ArgumentException>(() => StorageKey.ForUnit(unitKey));
    }
}
