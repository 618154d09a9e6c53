using RoyaAudio.Synthesis.Verification;

namespace RoyaAudio.Tests.Synthesis.Verification;

public sealed class TranscriptComparisonTests
{
    private static readonly string[] Unit =
    [
        "The minister opened the new bridge over the river on Sunday morning.",
        "Traffic is expected to ease within a week.",
        "Residents said they had waited for it for twenty years.",
    ];

    private static TranscriptVerdict Compare(string transcript, string[]? unit = null) =>
        TranscriptComparison.Compare(unit ?? Unit, transcript, new TranscriptWords(null).Of);

    [Fact]
    public void The_same_words_with_other_case_and_punctuation_match()
    {
        var verdict = Compare("the Minister opened the new bridge over the river on Sunday morning; traffic is expected to ease within a week — residents said they had waited for it for twenty years");

        Assert.True(verdict.Matches);
        Assert.Empty(verdict.Flagged);
    }

    [Fact]
    public void A_lone_misheard_word_is_not_a_mismatch()
    {
        Assert.True(Compare(string.Join(' ', Unit).Replace("bridge", "fridge", StringComparison.Ordinal)).Matches);
    }

    [Fact]
    public void A_missing_last_sentence_is_a_mismatch_that_flags_it()
    {
        var verdict = Compare(string.Join(' ', Unit[..2]));

        Assert.False(verdict.Matches);
        Assert.Equal([2], verdict.Flagged);
        Assert.Contains("“Residents said they had waited for…” was not heard", verdict.Reasons);
    }

    [Fact]
    public void A_short_missing_sentence_is_caught_though_it_is_under_the_run_length()
    {
        string[] unit = ["The council met on Monday to vote on the budget.", "It passed.", "The mayor thanked the members for their work."];
        var verdict = Compare($"{unit[0]} {unit[2]}", unit);

        Assert.False(verdict.Matches);
        Assert.Equal([1], verdict.Flagged);
    }

    [Fact]
    public void What_was_heard_is_given_to_the_sentence_it_was_heard_in_place_of()
    {
        var verdict = Compare($"{Unit[0]} Traffic is expected to ease within a fortnight. {Unit[2]} And more.");

        Assert.Equal("the minister opened the new bridge over the river on sunday morning", verdict.HeardBySentence[0]);
        Assert.Equal("traffic is expected to ease within a fortnight", verdict.HeardBySentence[1]);
        Assert.Equal("residents said they had waited for it for twenty years and more", verdict.HeardBySentence[2]);

        var missing = Compare($"{Unit[0]} {Unit[2]}");
        Assert.Equal("", missing.HeardBySentence[1]);
        Assert.Equal([1], missing.Flagged);
    }

    [Fact]
    public void A_sentence_said_twice_is_a_mismatch_that_names_it()
    {
        var verdict = Compare($"{Unit[0]} {Unit[1]} {Unit[1]} {Unit[2]}");

        Assert.False(verdict.Matches);
        Assert.Equal([1], verdict.Flagged);
        Assert.Contains("“Traffic is expected to ease within…” was said again", verdict.Reasons);
    }

    [Fact]
    public void Eight_invented_words_in_a_row_are_a_mismatch_and_seven_are_not()
    {
        var seven = Compare($"{Unit[0]} {Unit[1]} apples pears plums grapes melons lemons limes {Unit[2]}");
        var eight = Compare($"{Unit[0]} {Unit[1]} apples pears plums grapes melons lemons limes figs {Unit[2]}");

        Assert.True(seven.Matches);
        Assert.False(eight.Matches);
        Assert.Contains("8 words in a row differ from the text", eight.Reasons);
    }

    [Fact]
    public void Arabic_diacritics_and_letter_variants_do_not_count_as_differences()
    {
        string[] unit = ["قالَ الوزيرُ إنّ المدرسةَ الجديدةَ ستُفتحُ في أيلول."];

        var verdict = Compare("قال الوزير ان المدرسه الجديده ستفتح في ايلول", unit);

        Assert.True(verdict.Matches);
    }

    [Fact]
    public void An_empty_transcript_flags_every_sentence()
    {
        var verdict = Compare("");

        Assert.False(verdict.Matches);
        Assert.Equal([0, 1, 2], verdict.Flagged);
    }

    [Fact]
    public void Numbers_a_transcript_writes_in_digits_match_the_words_the_voice_was_sent()
    {
        var edition = RoyaAudio.Editions.EditionRegistry.Default.Find("en")!;
        string[] unit = [edition.SpokenForms.Apply("Prices rose 3.5% to JD 1.25m on 21 March 2026, the ministry said.")];
        var words = new TranscriptWords(text => SpokenWords.Spell(text, "en"));

        var verdict = TranscriptComparison.Compare(unit, "Prices rose 3.5% to JD1.25m on 21 March 2026 the ministry said", words.Of);

        Assert.True(verdict.Matches, string.Join("; ", verdict.Reasons));
        Assert.DoesNotContain(unit[0], char.IsDigit);
    }
}
