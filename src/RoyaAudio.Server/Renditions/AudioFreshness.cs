using Dapper;
using Microsoft.Extensions.Caching.Memory;
using RoyaAudio.Articles;
using RoyaAudio.Server.Database;
using RoyaAudio.Server.Lexicon;
using RoyaAudio.Server.Synthesis;
using RoyaAudio.Synthesis;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Renditions;

/// <summary>
/// Whether ready audio still says what the article's script says today: the script read with today's
/// lexicon and spoken forms, hashed with the audio's own engine and voice, against the audio's hash.
/// A lexicon edit changes no audio by itself; this is how the desk sees what it now touches.
/// </summary>
public sealed class AudioFreshness(AppDatabase database, LexiconStore lexicon, TtsEngines engines) : IDisposable
{
    // Reading a script is the costly part (HTML parse, split, spoken forms): an answer is kept for as long as
    // the copy, the audio and the language's lexicon it was worked out from stay the same.
    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    public void Dispose() => _known.Dispose();

    /// <summary>Articles an archive-wide question looks at, newest first: enough for a newsroom's live archive.</summary>
    public const int MaxScanned = 2000;

    /// <summary>Of <paramref name="articleIds"/>, those whose ready audio is outdated.</summary>
    public async Task<IReadOnlySet<string>> OutdatedAsync(IReadOnlyCollection<string> articleIds, CancellationToken cancellationToken)
    {
        if (articleIds.Count == 0)
        {
            return new HashSet<string>();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReadyScript>(
            $"""
            SELECT a.id, a.language, a.source, c.engine, c.voice, c.script_hash
            FROM articles a JOIN renditions c ON c.id = a.current_rendition_id
            WHERE a.id {database.InList("articleIds")} AND a.published = 1 AND c.status = 'ready'
            """,
            new { articleIds = articleIds.ToArray() });
        return await OutdatedOfAsync(rows, cancellationToken);
    }

    /// <summary>
    /// Published articles of <paramref name="language"/> (newest <see cref="MaxScanned"/>) whose ready audio is
    /// outdated and whose copy holds <paramref name="term"/>, or all outdated ones when the term is null.
    /// </summary>
    public async Task<IReadOnlyList<string>> OutdatedInAsync(string language, string? term, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ReadyScript>(
            """
            SELECT a.id, a.language, a.source, c.engine, c.voice, c.script_hash
            FROM articles a JOIN renditions c ON c.id = a.current_rendition_id
            WHERE a.language = @language AND a.published = 1 AND c.status = 'ready'
            ORDER BY a.received_at DESC, a.id LIMIT @limit
            """,
            new { language, limit = MaxScanned }))
            .Where(r => term is null || r.Source.Contains(term, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var outdated = await OutdatedOfAsync(rows, cancellationToken);
        return [.. rows.Select(r => r.Id).Where(outdated.Contains)];
    }

    private async Task<IReadOnlySet<string>> OutdatedOfAsync(IEnumerable<ReadyScript> rows, CancellationToken cancellationToken)
    {
        var words = new Dictionary<string, (PronunciationLexicon Lexicon, string Fingerprint)>(StringComparer.Ordinal);
        var outdated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!words.TryGetValue(row.Language, out var ofLanguage))
            {
                var entries = await lexicon.ListAsync(row.Language, cancellationToken);
                words[row.Language] = ofLanguage = (new PronunciationLexicon(entries),
                    string.Join('\u001e', entries.Select(e => e.Term + '\u001f' + e.Spoken)).GetHashCode(StringComparison.Ordinal).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var key = string.Join('\u001f', row.Id, row.ScriptHash, row.Engine, row.Voice, row.Source.GetHashCode(StringComparison.Ordinal), row.Source.Length, ofLanguage.Fingerprint);
            if (_known.TryGetValue(key, out bool known))
            {
                if (known)
                {
                    outdated.Add(row.Id);
                }

                continue;
            }

            var lexiconOfLanguage = ofLanguage.Lexicon;
            try
            {
                var article = ArticleReader.Parse(row.Source);
                var script = SpeechScriptBuilder.Build(article, lexiconOfLanguage);
                if (!engines.TryGet(row.Engine, out var engine))
                {
                    continue; // read by an engine this node lacks: its hash cannot be told here, so nothing is claimed
                }

                var hash = ScriptHash.Of(script, VoiceChoice.For(engine, article.Language, row.Voice));
                _known.Set(key, hash != row.ScriptHash, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(6) });
                if (hash != row.ScriptHash)
                {
                    outdated.Add(row.Id);
                }
            }
            catch (ArticleInputException)
            {
                // A stored version that no longer reads says nothing about its audio's freshness.
            }
        }

        return outdated;
    }

    private sealed record ReadyScript
    {
        public string Id { get; init; } = "";
        public string Language { get; init; } = "";
        public string Source { get; init; } = "";
        public string Engine { get; init; } = "";
        public string? Voice { get; init; }
        public string ScriptHash { get; init; } = "";
    }
}
