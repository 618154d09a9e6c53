using System.Globalization;
using CsCheck;

namespace RoyaAudio.Tests.Text;

/// <summary>
/// For any number the copy may hold, the voice gets words with no digit left, and the English words read back to the
/// same number.
/// </summary>
public class SpokenNumberPropertyTests
{
    private const string Before = "The count was ";
    private const string After = " on Monday.";

    private static string SpokenNumber(string written)
    {
        var said = Said.InEnglish(Before + written + After);
        Assert.StartsWith(Before, said, StringComparison.Ordinal);
        Assert.EndsWith(After, said, StringComparison.Ordinal);
        return said[Before.Length..^After.Length];
    }

    private static bool HasDigit(string text) => text.Any(c => c is >= '0' and <= '9' or >= '٠' and <= '٩' or >= '۰' and <= '۹');

    [Fact]
    public void Any_whole_number_up_to_a_trillion_is_said_without_digits_and_reads_back_to_itself()
    {
        Gen.Select(Gen.Long[0, 1_000_000_000_000], Gen.Bool).Sample((n, grouped) =>
        {
            var written = n.ToString(grouped ? "N0" : "D", CultureInfo.InvariantCulture);
            var words = SpokenNumber(written);
            return !HasDigit(words) && EnglishNumberReader.Read(words) == n;
        }, iter: 5_000);
    }

    [Fact]
    public void Any_decimal_with_up_to_three_places_is_said_without_digits_and_reads_back_to_itself()
    {
        Gen.Select(Gen.Long[0, 1_000_000_000_000], Gen.Int[1, 3], Gen.Int[0, 999]).Sample((whole, places, fraction) =>
        {
            var digits = (fraction % (int)Math.Pow(10, places)).ToString(CultureInfo.InvariantCulture).PadLeft(places, '0');
            var written = $"{whole.ToString(CultureInfo.InvariantCulture)}.{digits}";
            var words = SpokenNumber(written);
            return !HasDigit(words) && EnglishNumberReader.Read(words) == decimal.Parse(written, CultureInfo.InvariantCulture);
        }, iter: 5_000);
    }

    [Fact]
    public void Years_and_the_read_back_agree_on_hand_picked_numbers()
    {
        foreach (var n in new long[] { 0, 7, 10, 100, 1099, 1100, 1905, 1999, 2000, 2005, 2010, 2099, 2100, 1_000_000_000_000 })
        {
            Assert.Equal(n, EnglishNumberReader.Read(SpokenNumber(n.ToString(CultureInfo.InvariantCulture))));
        }
    }

    [Fact]
    public void Any_whole_number_up_to_a_billion_in_any_arabic_digits_is_said_without_digits()
    {
        Gen.Select(Gen.Long[0, 1_000_000_000], Gen.Int[0, 2], Gen.Bool).Sample((n, set, grouped) =>
        {
            var western = n.ToString(grouped ? "N0" : "D", CultureInfo.InvariantCulture);
            var zero = set switch { 0 => '0', 1 => '٠', _ => '۰' };
            var written = string.Concat(western.Select(c => c == ',' ? (set == 0 ? ',' : '٬') : (char)(zero + (c - '0'))));
            var said = Said.InArabic($"بلغ العدد {written} يوم الاثنين.");
            return !HasDigit(said) && said.StartsWith("بلغ العدد ", StringComparison.Ordinal);
        }, iter: 5_000);
    }
}

/// <summary>The hand-written read-back, checked on words written here, so the properties above mean something.</summary>
public class EnglishNumberReaderTests
{
    [Theory]
    [InlineData("one thousand two hundred and fifty", 1250)]
    [InlineData("nineteen ninety-nine", 1999)]
    [InlineData("twenty ten", 2010)]
    [InlineData("nineteen oh five", 1905)]
    [InlineData("nineteen hundred", 1900)]
    [InlineData("two thousand and five", 2005)]
    [InlineData("minus zero point two five", -0.25)]
    [InlineData("one trillion", 1_000_000_000_000)]
    [InlineData("one hundred and one billion two hundred thousand and seven", 101_000_200_007)]
    public void Words_read_back_to_the_number(string words, double number) =>
        Assert.Equal((decimal)number, EnglishNumberReader.Read(words));

    [Theory]
    [InlineData("twenty one two")]
    [InlineData("seven 7")]
    public void Words_that_are_no_number_are_refused(string words) =>
        Assert.Throws<FormatException>(() => EnglishNumberReader.Read(words));
}
