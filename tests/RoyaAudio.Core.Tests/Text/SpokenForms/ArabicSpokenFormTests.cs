namespace RoyaAudio.Tests.Text;

/// <summary>Each Arabic recogniser on its own, with cases checked by hand against the style guide.</summary>
public class ArabicSpokenFormTests
{
    [Theory]
    [InlineData("7 و٧ و۷ أشخاص", "سبعة وسبعة وسبعة أشخاص")]
    [InlineData("1,250 و١٬٢٥٠ طالبا", "ألف ومئتان وخمسون وألف ومئتان وخمسون طالبا")]
    [InlineData("3.5 و٣٫٥ نقطة", "ثلاثة فاصلة خمسة وثلاثة فاصلة خمسة نقطة")]
    [InlineData("1.25 و1.05 نقطة", "واحد فاصلة خمسة وعشرون وواحد فاصلة صفر خمسة نقطة")]
    [InlineData("إلى -3 فجر اليوم", "إلى سالب ثلاثة فجر اليوم")]
    [InlineData("منذ 20 عاما", "منذ عشرون عاما")]
    public void Numbers_are_said_in_the_masculine_when_the_noun_is_not_known_to_be_feminine(string written, string said) =>
        Assert.Equal(said, Said.By(ArabicNumbers.Cardinal, written));

    [Theory]
    [InlineData("25 سنة", "خمس وعشرون سنة")]
    [InlineData("3 ساعات", "ثلاث ساعات")]
    [InlineData("21 شركة", "إحدى وعشرون شركة")]
    [InlineData("بين 9 و16 درجة", "بين تسع وست عشرة درجة")]
    public void Numbers_before_a_feminine_noun_take_the_feminine_form(string written, string said) =>
        Assert.Equal(said, Said.By(ArabicNumbers.Cardinal, written));

    [Theory]
    [InlineData("في 2024 بشكل", "في ألفين وأربعة وعشرين بشكل")]
    [InlineData("عام 2000", "عام ألفين")]
    [InlineData("11000 إصابة", "أحد عشر ألف إصابة")]
    [InlineData("بلغ 11000.", "بلغ أحد عشر ألفا.")]
    [InlineData("200 سيارة", "مئتا سيارة")]
    [InlineData("عام 2026م و1447ه", "عام ألفين وستة وعشرين ميلادي وألف وأربعمئة وسبعة وأربعين هجري")]
    public void Years_are_in_the_genitive_and_counted_nouns_take_the_construct(string written, string said) =>
        Assert.Equal(said, Said.By(ArabicNumbers.Cardinal, written));

    [Theory]
    [InlineData("الفترة 2020-2024", "الفترة من ألفين وعشرين إلى ألفين وأربعة وعشرين")]
    [InlineData("للدورة 10-15 يوما", "للدورة من عشرة إلى خمسة عشر يوما")]
    [InlineData("بين 3-5 أيام", "بين ثلاثة إلى خمسة أيام")]
    public void Ranges_are_said_from_to(string written, string said) => Assert.Equal(said, Said.By(ArabicNumbers.Range, written));

    [Theory]
    [InlineData("JD 10 و3 JD", "عشرة دنانير أردنية وثلاثة دنانير أردنية")]
    [InlineData("JD 1 وJD 2 وJD 11 وJD 100", "دينار أردني واحد وديناران أردنيان وأحد عشر دينارا أردنيا ومئة دينار أردني")]
    [InlineData("$3 و€20", "ثلاثة دولارات وعشرون يورو")]
    [InlineData("$3bn", "ثلاثة مليارات دولار")]
    [InlineData("$1.25 مليون", "واحد فاصلة خمسة وعشرون مليون دولار")]
    [InlineData("20€ و3$", "عشرون يورو وثلاثة دولارات")]
    public void Money_takes_the_counted_form_of_its_currency(string written, string said) => Assert.Equal(said, Said.By(ArabicMoney.Rule, written));

    [Theory]
    [InlineData("في 21/3/2026", "في الحادي والعشرين من آذار عام ألفين وستة وعشرين")]
    [InlineData("بتاريخ 2026-03-21", "بتاريخ الحادي والعشرين من آذار عام ألفين وستة وعشرين")]
    [InlineData("في ٢٥/٦/٢٠٢٦", "في الخامس والعشرين من حزيران عام ألفين وستة وعشرين")]
    [InlineData("في 1/1/2026 و31/12/2025", "في الأول من كانون الثاني عام ألفين وستة وعشرين والحادي والثلاثين من كانون الأول عام ألفين وخمسة وعشرين")]
    public void Numeric_dates_name_the_levantine_month(string written, string said) => Assert.Equal(said, Said.By(ArabicDates.Numeric, written));

    [Theory]
    [InlineData("الساعة 10:30 صباحا", "الساعة العاشرة والنصف صباحا")]
    [InlineData("الساعة ١٠:١٥", "الساعة العاشرة والربع")]
    [InlineData("الساعة 10:45", "الساعة الحادية عشرة إلا ربعا")]
    [InlineData("الساعة 10:20 و10:40", "الساعة العاشرة والثلث والحادية عشرة إلا ثلثا")]
    [InlineData("الساعة 10:00 و10:05", "الساعة العاشرة والعاشرة وخمس دقائق")]
    [InlineData("الساعة 13:07 و23:25 و0:50", "الساعة الواحدة وسبع دقائق والحادية عشرة وخمس وعشرون دقيقة والثانية عشرة وخمسون دقيقة")]
    public void Times_are_said_by_the_hour_s_ordinal(string written, string said) => Assert.Equal(said, Said.By(ArabicTimes.Rule, written));

    [Theory]
    [InlineData("1 كم و2 كم و3 كم و11 كم و100 كم", "كيلومتر واحد وكيلومتران وثلاثة كيلومترات وأحد عشر كيلومترا ومئة كيلومتر")]
    [InlineData("40 كم/ساعة", "أربعون كيلومترا في الساعة")]
    [InlineData("25 كغم و2 كغم", "خمسة وعشرون كيلوغراما وكيلوغرامان")]
    [InlineData("35°C و٣٢°C", "خمس وثلاثون درجة مئوية واثنتان وثلاثون درجة مئوية")]
    [InlineData("3.5% و٣٫٥٪ و-2.5%", "ثلاثة فاصلة خمسة بالمئة وثلاثة فاصلة خمسة بالمئة وسالب اثنان فاصلة خمسة بالمئة")]
    [InlineData("ارتفع بـ2.1%", "ارتفع بـاثنان فاصلة واحد بالمئة")]
    [InlineData("عام 2026 م", "عام 2026 م")]
    public void Units_take_their_counted_form(string written, string said) => Assert.Equal(said, Said.By(ArabicUnits.Rule, written));

    [Theory]
    [InlineData("قال د. محمد", "قال الدكتور محمد")]
    [InlineData("افتتح أ. سامي ووأشرف م. خالد", "افتتح الأستاذ سامي ووأشرف المهندس خالد")]
    [InlineData("وأ. محمد", "والأستاذ محمد")]
    [InlineData("عام 2026 م. وقال", "عام 2026 م. وقال")]
    public void Titles_before_a_name_are_said_in_full(string written, string said) => Assert.Equal(said, Said.By(ArabicTitles.Rule, written));

    [Theory]
    [InlineData("فاز الفريق 2-1 وتعادل 0:0", "فاز الفريق اثنان مقابل واحد وتعادل صفر مقابل صفر")]
    [InlineData("ارتفع 2-4 بالمئة", "ارتفع 2-4 بالمئة")]
    public void Scores_are_said_only_in_a_match_report(string written, string said) => Assert.Equal(said, Said.By(ArabicScores.Rule, written));

    [Fact]
    public void Latin_titles_and_ordinals_in_arabic_copy_are_read_by_the_english_rules() =>
        Assert.Equal("التقى Doctor John Smith وحل first", Said.InArabic("التقى Dr. John Smith وحل 1st"));
}
