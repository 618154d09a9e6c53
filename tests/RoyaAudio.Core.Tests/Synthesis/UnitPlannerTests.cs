using RoyaAudio.Articles;
using RoyaAudio.Synthesis;

namespace RoyaAudio.Tests.Synthesis;

public class UnitPlannerTests
{
    private static readonly SpeechScript Script = SpeechScriptBuilder.Build(
        new Article { Id = "a", Language = "en", Title = "Title here", Body = "<p>Alpha one. Beta two. Gamma three.</p><p>Delta four.</p>" },
        PronunciationLexicon.Empty);

    [Fact]
    public void Local_engine_gets_one_sentence_per_unit()
    {
        var units = UnitPlanner.Plan(Script, UnitPacking.OneSentencePerUnit);
        Assert.Equal(Script.SentenceCount, units.Count);
        Assert.All(units, u => Assert.Single(u.Sentences));
        Assert.Equal(Enumerable.Range(0, units.Count), units.Select(u => u.Index));
    }

    [Fact]
    public void Packing_fills_units_up_to_the_limit_and_never_crosses_a_paragraph()
    {
        var units = UnitPlanner.Plan(Script, new UnitPacking(true, 25));
        Assert.Equal(["Title here.", "Alpha one. Beta two.", "Gamma three.", "Delta four."], units.Select(u => u.Text));
        Assert.All(units, u => Assert.True(u.Text.Length <= 25));
        Assert.All(units, u => Assert.All(u.Sentences, s => Assert.Equal(u.Paragraph, s.Paragraph)));
    }

    [Fact]
    public void A_sentence_over_the_limit_is_spread_over_units_that_each_stay_under_it()
    {
        var longSentence = "Officials " + string.Join(", ", Enumerable.Repeat("in every governorate they counted the ballots again", 120)) + ".";
        var script = SpeechScriptBuilder.Build(
            new Article { Id = "a", Language = "en", Title = "Title", Body = $"<p>Short one. {longSentence} Short two.</p>" }, PronunciationLexicon.Empty);

        var units = UnitPlanner.Plan(script, new UnitPacking(true, 3800));

        Assert.All(units, u => Assert.True(u.Text.Length <= 3800, $"unit {u.Index} has {u.Text.Length} characters"));
        var parts = units.SelectMany(u => u.Parts).Where(p => p.Sentence.Text == longSentence).ToList();
        Assert.True(parts.Count >= 2, $"{parts.Count} parts: {string.Join(" | ", units.Select(u => u.Text.Length))}");
        Assert.True(parts[0].StartsSentence && !parts[0].EndsSentence && parts[^1].EndsSentence);
        Assert.Equal(longSentence, string.Join(' ', parts.Select(p => p.Spoken)));
    }

    [Fact]
    public void The_service_limit_caps_a_configured_limit_above_it()
    {
        var body = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"Sentence number {i} is here."));
        var script = SpeechScriptBuilder.Build(new Article { Id = "a", Language = "en", Title = "T", Body = body }, PronunciationLexicon.Empty);
        Assert.All(UnitPlanner.Plan(script, new UnitPacking(true, 100_000)), u => Assert.True(u.Text.Length <= UnitPlanner.ServiceLimit));
    }
}
