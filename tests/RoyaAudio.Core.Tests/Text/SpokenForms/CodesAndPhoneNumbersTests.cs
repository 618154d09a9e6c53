namespace RoyaAudio.Tests.Text;

/// <summary>Codes and phone numbers, in both editions: said letter by letter and digit by digit.</summary>
public class CodesAndPhoneNumbersTests
{
    [Theory]
    [InlineData("flight RJ263", "flight R J two six three")]
    [InlineData("an A320", "an A three two zero")]
    [InlineData("COVID-19 and Covid-19", "COVID nineteen and Covid nineteen")]
    [InlineData("the G7 and 5G", "the G seven and five G")]
    [InlineData("H5N1", "H five N one")]
    [InlineData("mp3 files", "mp3 files")]
    public void English_codes_spell_initials_and_read_long_numbers_digit_by_digit(string written, string said) =>
        Assert.Equal(said, Said.InEnglish(written));

    [Theory]
    [InlineData("call +962 6 555 1234.", "call plus nine six two six five five five one two three four.")]
    [InlineData("hotline 06 555 1234", "hotline zero six five five five one two three four")]
    [InlineData("WhatsApp 0791234567", "WhatsApp zero seven nine one two three four five six seven")]
    public void English_phone_numbers_are_said_digit_by_digit(string written, string said) => Assert.Equal(said, Said.InEnglish(written));

    [Theory]
    [InlineData("الرقم +962 6 555 1234", "الرقم زائد تسعة ستة اثنان ستة خمسة خمسة خمسة واحد اثنان ثلاثة أربعة")]
    [InlineData("الرقم ٠٧٧٧١٢٣٤٥٦", "الرقم صفر سبعة سبعة سبعة واحد اثنان ثلاثة أربعة خمسة ستة")]
    public void Arabic_phone_numbers_are_said_digit_by_digit_in_any_digits(string written, string said) =>
        Assert.Equal(said, Said.InArabic(written));

    [Theory]
    [InlineData("بكوفيد-19", "بكوفيد تسعة عشر")]
    [InlineData("طائرات F-16", "طائرات F ستة عشر")]
    public void Arabic_codes_drop_the_hyphen(string written, string said) => Assert.Equal(said, Said.InArabic(written));
}
