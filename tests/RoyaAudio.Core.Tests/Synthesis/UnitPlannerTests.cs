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
}
