namespace RoyaAudio.Tests.Text;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("  • Russia support for Iran", "Russia support for Iran.")]
    [InlineData("Hello!!!   World", "Hello! World.")]
    [InlineData("Really?!? Yes.", "Really? Yes.")]
    [InlineData("one’s “quoted” text.", "one's \"quoted\" text.")]
    [InlineData("See https://www.example.com/news/2024/story?id=5.", "See example.com.")]
    [InlineData("a\u00A0b\u200Bc\u202Ad\u202C.", "a bcd.")]
    [InlineData("Wait.... what", "Wait... what.")]
    [InlineData("It is - as we said — over.", "It is, as we said, over.")]
    [InlineData("A heading", "A heading.")]
    [InlineData("مرحبا ، كيف الحال؟", "مرحبا، كيف الحال؟")]
    [InlineData("مقارنة بـ 2.1% في الـــعام الماضي", "مقارنة ب2.1% في العام الماضي.")]
    public void Rewrites_what_voices_read_badly(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));
}
