using System.Text.Json;
using System.Text.RegularExpressions;
using RoyaAudio.Articles;

namespace RoyaAudio.Text;

/// <summary>
/// The newsroom's respellings per language ("Khamenei" → "Kha-meh-nay"). Applied to what is spoken,
/// never to what is shown: the transcript keeps the real spelling.
/// </summary>
public sealed class PronunciationLexicon
{
    private readonly Dictionary<string, List<(Regex Pattern, string Spoken)>> _entries = new(StringComparer.Ordinal);

    public static PronunciationLexicon Empty { get; } = new([]);

    public PronunciationLexicon(IEnumerable<LexiconEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        // Longer terms first, so "Mojtaba Khamenei" wins over "Khamenei".
        foreach (var entry in entries.OrderByDescending(e => e.Term.Length))
        {
            if (!_entries.TryGetValue(entry.Language, out var list))
            {
                list = [];
                _entries[entry.Language] = list;
            }

            // Whole words only. An all-capitals term is an acronym: "WHO" must not respell "who".
            var acronym = IsAcronym(entry.Term);
            var pattern = new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(entry.Term) + @"(?![\p{L}\p{N}])",
                RegexOptions.CultureInvariant | (acronym ? RegexOptions.None : RegexOptions.IgnoreCase), TimeSpan.FromSeconds(1));
            list.Add((pattern, entry.Spoken));
        }

        Entries = [.. entries];
    }

    public IReadOnlyList<LexiconEntry> Entries { get; }

    /// <summary>All capitals (letters and no lower case): matched by exact case, while other terms match any case.</summary>
    public static bool IsAcronym(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return term.Any(char.IsLetter) && !term.Any(char.IsLower);
    }

    public string Apply(string text, string language)
    {
        if (!_entries.TryGetValue(language, out var list))
        {
            return text;
        }

        foreach (var (pattern, spoken) in list)
        {
            // An evaluator, so a respelling is never read as a substitution pattern ("$1").
            text = pattern.Replace(text, _ => spoken);
        }

        return text;
    }

    /// <summary>Reads <c>{ "en": { "term": "respelling" }, "ar": { … } }</c>.</summary>
    public static PronunciationLexicon ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArticleInputException($"lexicon file not found: {path}");
        }

        try
        {
            var byLanguage = JsonSerializer.Deserialize(File.ReadAllText(path), LexiconJson.Default.DictionaryStringDictionaryStringString)
                ?? [];
            var entries = new List<LexiconEntry>();
            foreach (var (language, terms) in byLanguage)
            {
                if (!Languages.IsSupported(language))
                {
                    throw new ArticleInputException(
                        $"lexicon {path}: unknown language '{language}': supported are {string.Join(", ", Languages.Supported)}");
                }

                foreach (var (term, spoken) in terms)
                {
                    if (string.IsNullOrWhiteSpace(term) || string.IsNullOrWhiteSpace(spoken))
                    {
                        throw new ArticleInputException($"lexicon {path}: the {language} entry '{term}' needs a term and a respelling");
                    }

                    entries.Add(new LexiconEntry(language, term.Trim(), spoken.Trim()));
                }
            }

            return new PronunciationLexicon(entries);
        }
        catch (JsonException e)
        {
            throw new ArticleInputException($"lexicon {path} is not valid JSON of the form {{\"en\": {{\"term\": \"respelling\"}}}}: {e.Message}", e);
        }
    }
}

public sealed record LexiconEntry(string Language, string Term, string Spoken);
