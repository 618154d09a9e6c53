namespace RoyaAudio.Tests.Text;

/// <summary>The corpus comparison normalises exactly as the style guide's first paragraph says.</summary>
public class SaidAlikeTests
{
    [Theory]
    [InlineData("Ten O'Clock, twenty-two forty-five.", "ten o'clock twenty two forty five")]
    [InlineData("  the 'nineties'   a.m. ", "the nineties am")]
    [InlineData("ثلاثةُ آلافٍ ومئتان", "ثلاثه الاف ومئتين")]
    [InlineData("خمسة وعشرون، إلى الأولى", "خمسه وعشرين الي الاولي")]
    [InlineData("بـالمئة", "بالمئه")]
    public void Text_is_compared_as_the_guide_normalises_it(string text, string normalised) =>
        Assert.Equal(normalised, SaidAlike.Normalise(text));
}
