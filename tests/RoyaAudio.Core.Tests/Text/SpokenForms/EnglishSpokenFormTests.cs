namespace RoyaAudio.Tests.Text;

/// <summary>Each English recogniser on its own, with cases checked by hand against the style guide.</summary>
public class EnglishSpokenFormTests
{
    [Theory]
    [InlineData("7 cases", "seven cases")]
    [InlineData("1,250 students", "one thousand two hundred and fifty students")]
    [InlineData("0.25 points", "zero point two five points")]
    [InlineData("fell to -4 and −4", "fell to minus four and minus four")]
    [InlineData("1.25m times", "one point two five million times")]
    [InlineData("in 2026, 2005 and 1905", "in twenty twenty-six, two thousand and five and nineteen oh five")]
    [InlineData("2500 tonnes", "two thousand five hundred tonnes")]
    [InlineData("case 007", "case zero zero seven")]
    [InlineData("take 2x or x2", "take 2x or x2")]
    [InlineData("version 1.2.3 at 192.168.1.1", "version 1.2.3 at 192.168.1.1")]
    public void Numbers_are_said_in_words_and_bare_four_digit_numbers_as_years(string written, string said) =>
        Assert.Equal(said, Said.By(EnglishNumbers.Cardinal, written));

    [Theory]
    [InlineData("the 1st, 22nd and 102nd", "the first, twenty-second and one hundred and second")]
    public void Ordinals_are_said_as_ordinals(string written, string said) => Assert.Equal(said, Said.By(EnglishNumbers.Ordinal, written));

    [Theory]
    [InlineData("in the 1990s", "in the nineteen nineties")]
    [InlineData("the '80s", "the eighties")]
    [InlineData("the 2000s", "the two thousands")]
    public void Decades_are_said_in_the_plural(string written, string said) => Assert.Equal(said, Said.By(EnglishNumbers.Decade, written));

    [Theory]
    [InlineData("2020-2024", "twenty twenty to twenty twenty-four")]
    [InlineData("2020–24", "twenty twenty to twenty twenty-four")]
    [InlineData("1998-99", "nineteen ninety-eight to nineteen ninety-nine")]
    [InlineData("10–15", "ten to fifteen")]
    public void Ranges_are_said_from_to(string written, string said) => Assert.Equal(said, Said.By(EnglishNumbers.Range, written));

    [Theory]
    [InlineData("1/2 of", "one half of")]
    [InlineData("3/4 full", "three quarters full")]
    [InlineData("2/3 passed", "two thirds passed")]
    [InlineData("24/7", "24/7")]
    public void Small_fractions_are_said_as_fractions(string written, string said) => Assert.Equal(said, Said.By(EnglishNumbers.Fraction, written));

    [Theory]
    [InlineData("Law No. 5", "Law number five")]
    [InlineData("No. 10 said", "Number ten said")]
    [InlineData("ranked #1", "ranked number one")]
    public void No_before_a_number_is_said_number(string written, string said) => Assert.Equal(said, Said.By(EnglishNumbers.NumberSign, written));

    [Theory]
    [InlineData("costs $3", "costs three dollars")]
    [InlineData("$1 for every", "one dollar for every")]
    [InlineData("US$40 each", "forty US dollars each")]
    [InlineData("$5.50 and €2.20 and £4.99", "five dollars fifty and two euros twenty and four pounds ninety-nine")]
    [InlineData("JD 5, JD5, JOD 5, 5 JD, JD 1", "five Jordanian dinars, five Jordanian dinars, five Jordanian dinars, five Jordanian dinars, one Jordanian dinar")]
    [InlineData("JD 2.750", "two point seven five zero Jordanian dinars")]
    [InlineData("$3bn, JD 1.25m, €4.5 billion, £2m", "three billion dollars, one point two five million Jordanian dinars, four point five billion euros, two million pounds")]
    [InlineData("¥150", "one hundred and fifty yen")]
    public void Money_is_said_with_its_currency_after_the_amount(string written, string said) => Assert.Equal(said, Said.By(EnglishMoney.Rule, written));

    [Theory]
    [InlineData("on 21/3/2026", "on the twenty-first of March twenty twenty-six")]
    [InlineData("on 21-3-2026 or 21.3.2026", "on the twenty-first of March twenty twenty-six or the twenty-first of March twenty twenty-six")]
    [InlineData("dated 2026-03-21", "dated the twenty-first of March twenty twenty-six")]
    [InlineData("on 35/3/2026", "on 35/3/2026")]
    public void Numeric_dates_are_read_day_first(string written, string said) => Assert.Equal(said, Said.By(EnglishDates.Numeric, written));

    [Theory]
    [InlineData("on 21 March 2026", "on the twenty-first of March twenty twenty-six")]
    [InlineData("on 25 May.", "on the twenty-fifth of May.")]
    [InlineData("on 3 Sept. 2025", "on the third of September twenty twenty-five")]
    public void A_day_before_its_month_is_the_day_of_the_month(string written, string said) => Assert.Equal(said, Said.By(EnglishDates.DayMonth, written));

    [Theory]
    [InlineData("on March 21, 2026, in Amman", "on March the twenty-first, twenty twenty-six, in Amman")]
    [InlineData("from August 1.", "from August the first.")]
    public void A_day_after_its_month_is_the_month_s_day(string written, string said) => Assert.Equal(said, Said.By(EnglishDates.MonthDay, written));

    [Theory]
    [InlineData("at 10:30 a.m.", "at ten thirty a.m.")]
    [InlineData("at 10:05 p.m. local", "at ten oh five p.m. local")]
    [InlineData("at 7am and 9 PM", "at seven a.m. and nine p.m.")]
    [InlineData("at 9:00 on Fridays", "at nine o'clock on Fridays")]
    [InlineData("at 22:45", "at twenty-two forty-five")]
    [InlineData("at 25:70", "at 25:70")]
    public void Times_are_said_as_the_clock_reads(string written, string said) => Assert.Equal(said, Said.By(EnglishTimes.Rule, written));

    [Theory]
    [InlineData("5 km and 1 km", "five kilometres and one kilometre")]
    [InlineData("40 km/h or 80 kph", "forty kilometres per hour or eighty kilometres per hour")]
    [InlineData("2.5 cm, 10 m, 500 ml, 2 l", "two point five centimetres, ten metres, five hundred millilitres, two litres")]
    [InlineData("35°C, 44 °C, -3°C", "thirty-five degrees Celsius, forty-four degrees Celsius, minus three degrees Celsius")]
    [InlineData("5 sq km, 12 km², 100 MW, 5 GB", "five square kilometres, twelve square kilometres, one hundred megawatts, five gigabytes")]
    [InlineData("3.5% and 10-15%", "three point five percent and ten to fifteen percent")]
    [InlineData("10m people", "10m people")]
    public void Units_are_said_in_full_singular_for_one(string written, string said) => Assert.Equal(said, Said.By(EnglishUnits.Rule, written));

    [Theory]
    [InlineData("Gen. Khaled and Lt. Col. Omar", "General Khaled and Lieutenant Colonel Omar")]
    [InlineData("Maj. Gen. Fadi met Dr. Rana", "Major General Fadi met Doctor Rana")]
    [InlineData("Dr Laila and Mr Karim", "Doctor Laila and Mister Karim")]
    [InlineData("Mrs. Huda, Sgt. Ali, Rev. Imad", "Missus Huda, Sergeant Ali, Reverend Imad")]
    [InlineData("Gen Z voters", "Gen Z voters")]
    public void Titles_before_a_name_are_said_in_full(string written, string said) => Assert.Equal(said, Said.By(EnglishTitles.Rule, written));

    [Theory]
    [InlineData("Al-Faisaly beat Al-Wehdat 2-1", "Al-Faisaly beat Al-Wehdat two one")]
    [InlineData("the final score was 1:0", "the final score was one nil")]
    [InlineData("rose 2-4 percent", "rose 2-4 percent")]
    public void Scores_are_said_only_in_a_match_report(string written, string said) => Assert.Equal(said, Said.By(EnglishScores.Rule, written));

    [Fact]
    public void The_example_sentence_is_read_as_a_newsreader_says_it() =>
        Assert.Equal(
            "It rose three point five percent to one point two five million Jordanian dinars on the twenty-first of March twenty twenty-six.",
            Said.InEnglish("It rose 3.5% to JD 1.25m on 21/3/2026."));

    [Fact]
    public void A_sentence_without_numbers_or_titles_is_the_same_string() =>
        Assert.Same("The Senate approved the draft law.", Said.InEnglish("The Senate approved the draft law."));
}
