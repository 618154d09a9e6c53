using RoyaAudio.Editions;

namespace RoyaAudio.Tests.Text;

/// <summary>
/// The hand-written corpus: each line a sentence as an editor writes it and what a newsreader says, compared after
/// the style guide's normalisation. A failing test lists every line that differs.
/// </summary>
public class SpokenFormsCorpusTests
{
    /// <summary>
    /// Lines where the corpus contradicts the style guide: the code follows the guide, and these are not compared.
    /// Each names the written sentence and why. A line here that starts to agree fails the test, so the list stays true.
    /// </summary>
    private static readonly Dictionary<string, string> KnownDisagreements = new(StringComparer.Ordinal)
    {
    };

    [Fact]
    public void English_corpus_is_said_as_written_by_hand() => AssertCorpus("english.tsv", EnglishEdition.Edition, 150);

    [Fact]
    public void Arabic_corpus_is_said_as_written_by_hand() => AssertCorpus("arabic.tsv", ArabicEdition.Edition, 100);

    private static void AssertCorpus(string file, Edition edition, int leastLines)
    {
        var lines = Corpus(file);
        Assert.True(lines.Count >= leastLines, $"{file} has {lines.Count} data lines, fewer than {leastLines}");

        var failures = new List<string>();
        var agreeing = new List<string>();
        var passed = 0;
        foreach (var (number, written, said) in lines)
        {
            var spoken = edition.SpokenForms.Apply(written);
            var alike = SaidAlike.Normalise(spoken) == SaidAlike.Normalise(said);
            if (KnownDisagreements.ContainsKey(written))
            {
                if (alike)
                {
                    agreeing.Add($"{file}:{number} now agrees; take it off the known disagreements: {written}");
                }

                continue;
            }

            if (alike)
            {
                passed++;
            }
            else
            {
                failures.Add($"{file}:{number}\n  written:  {written}\n  expected: {said}\n  spoken:   {spoken}");
            }
        }

        Assert.True(
            failures.Count == 0 && agreeing.Count == 0,
            $"{passed} of {lines.Count} lines agree; {failures.Count} differ:\n{string.Join("\n", failures.Concat(agreeing))}");
    }

    internal static List<(int Line, string Written, string Said)> Corpus(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Text", "SpokenForms", file);
        var lines = new List<(int, string, string)>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            Assert.True(fields.Length == 2, $"{file}:{number} is not written<TAB>said: {line}");
            lines.Add((number, fields[0], fields[1]));
        }

        return lines;
    }
}
