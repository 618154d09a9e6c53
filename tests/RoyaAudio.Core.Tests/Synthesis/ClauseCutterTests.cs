using RoyaAudio.Synthesis;
using System.Text;

namespace RoyaAudio.Tests.Synthesis;

public class ClauseCutterTests
{
    [Fact]
    public void A_long_sentence_is_cut_after_clause_marks_and_never_inside_a_word()
    {
        var clause = "the minister said on Tuesday that the plan would go ahead, ";
        var sentence = string.Concat(Enumerable.Repeat(clause, 100)).TrimEnd(' ', ',') + ".";

        var pieces = ClauseCutter.Cut(sentence, 3800);

        Assert.True(pieces.Count >= 2);
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, 3800));
        Assert.All(pieces.Take(pieces.Count - 1), p => Assert.EndsWith(",", p, StringComparison.Ordinal));
        Assert.Equal(sentence.Split(' '), string.Join(' ', pieces).Split(' '));
    }

    [Fact]
    public void Without_clause_marks_it_cuts_between_words()
    {
        var sentence = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"word{i}"));
        var pieces = ClauseCutter.Cut(sentence, 500);
        Assert.All(pieces, p => Assert.True(p.Length <= 500));
        Assert.All(pieces.Take(pieces.Count - 1), p => Assert.True(p.Length >= 490, $"a piece of {p.Length} wastes a request"));
        Assert.Equal(sentence, string.Join(' ', pieces));
    }

    [Fact]
    public void Arabic_is_counted_in_characters_and_cut_after_its_comma()
    {
        var clause = "وقال الوزير إن الخطة ستمضي قدما، ";
        var sentence = string.Concat(Enumerable.Repeat(clause, 200)).Trim();
        var pieces = ClauseCutter.Cut(sentence, 3800);
        Assert.All(pieces, p => Assert.True(p.Length <= 3800));
        Assert.All(pieces.Take(pieces.Count - 1), p => Assert.EndsWith("،", p, StringComparison.Ordinal));
        Assert.True(Encoding.UTF8.GetByteCount(pieces[0]) > 3800, "the limit is characters, not UTF-8 bytes");
    }
}
