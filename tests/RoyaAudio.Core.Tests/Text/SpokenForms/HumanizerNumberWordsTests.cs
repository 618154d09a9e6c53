using Humanizer;

namespace RoyaAudio.Tests.Text;

/// <summary>
/// What Humanizer 3 actually says, pinned: the words the spoken forms take from it as they are, and the ones they
/// put right. A Humanizer upgrade that changes any of these shows here first.
/// </summary>
public class HumanizerNumberWordsTests
{
    [Theory]
    [InlineData(1250, "one thousand two hundred and fifty")]
    [InlineData(105, "one hundred and five")]
    [InlineData(2005, "two thousand and five")]
    [InlineData(1_000_050, "one million and fifty")]
    [InlineData(-4, "minus four")]
    [InlineData(1_000_000_000_000, "one trillion")]
    public void English_cardinals_come_with_the_british_and(long value, string words) =>
        Assert.Equal(words, value.ToWords(NumberWordCulture.English));

    [Theory]
    [InlineData(102, "hundred and second")]
    [InlineData(100, "hundredth")]
    [InlineData(1000, "thousandth")]
    public void English_round_ordinals_lose_their_one_which_the_spoken_forms_put_back(int value, string humanizer)
    {
        Assert.Equal(humanizer, value.ToOrdinalWords(NumberWordCulture.English));
        Assert.Equal("one " + humanizer, EnglishNumberWords.Ordinal(value));
    }

    [Theory]
    [InlineData(25, GrammaticalGender.Masculine, "خمسة و عشرون")]
    [InlineData(25, GrammaticalGender.Feminine, "خمس و عشرون")]
    [InlineData(21, GrammaticalGender.Feminine, "واحدة و عشرون")]
    [InlineData(300, GrammaticalGender.Masculine, "ثلاث مئة")]
    [InlineData(11_000, GrammaticalGender.Masculine, "أحد عشر ألف")]
    [InlineData(101_000, GrammaticalGender.Masculine, "مئة و واحد ألف")]
    [InlineData(1_001_000, GrammaticalGender.Masculine, "مليون و   ألف")]
    public void Arabic_words_as_humanizer_writes_them(long value, GrammaticalGender gender, string words) =>
        Assert.Equal(words, value.ToWords(gender, NumberWordCulture.Arabic));

    [Theory]
    [InlineData(25, GrammaticalGender.Masculine, "خمسة وعشرون")]
    [InlineData(21, GrammaticalGender.Feminine, "إحدى وعشرون")]
    [InlineData(300, GrammaticalGender.Masculine, "ثلاثمئة")]
    [InlineData(11_000, GrammaticalGender.Masculine, "أحد عشر ألفا")]
    [InlineData(101_000, GrammaticalGender.Masculine, "مئة وألف")]
    [InlineData(1_001_000, GrammaticalGender.Masculine, "مليون وألف")]
    [InlineData(3_005_000, GrammaticalGender.Masculine, "ثلاثة ملايين وخمسة آلاف")]
    public void Arabic_words_as_the_house_style_writes_them(long value, GrammaticalGender gender, string words) =>
        Assert.Equal(words, ArabicNumberWords.Cardinal(value, gender));

    [Fact]
    public void Arabic_ordinals_for_days_and_hours_come_from_humanizer_except_one_o_clock()
    {
        Assert.Equal("الحادي و العشرون", 21.ToOrdinalWords(GrammaticalGender.Masculine, NumberWordCulture.Arabic));
        Assert.Equal("الحادي والعشرين", ArabicNumberWords.Day(21));
        Assert.Equal("الأولى", 1.ToOrdinalWords(GrammaticalGender.Feminine, NumberWordCulture.Arabic));
        Assert.Equal("الواحدة", ArabicNumberWords.Hour(1));
        Assert.Equal("الحادية عشرة", ArabicNumberWords.Hour(11));
    }
}
