using Dapper;
using RoyaAudio.Server.Database;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Lexicon;

/// <summary>The newsroom's pronunciation lexicon, per language, edited by editors and read by every render.</summary>
public sealed class LexiconStore(AppDatabase database, TimeProvider clock)
{
    public const int MaxTermLength = 200;

    public async Task<PronunciationLexicon> ForLanguageAsync(string language, CancellationToken cancellationToken) =>
        new(await ListAsync(language, cancellationToken));

    public async Task<IReadOnlyList<LexiconEntry>> ListAsync(string language, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Term, string Spoken)>(
            "SELECT term, spoken FROM lexicon WHERE language=@language ORDER BY term", new { language });
        return [.. rows.Select(r => new LexiconEntry(language, r.Term, r.Spoken))];
    }

    /// <summary>
    /// Adds or changes a term. A word (not an acronym) matches in any case, so the same word in another case
    /// is replaced rather than kept beside it: "bridge" and "Bridge" would respell the same words two ways.
    /// </summary>
    public async Task UpsertAsync(LexiconEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!PronunciationLexicon.IsAcronym(entry.Term))
        {
            // Compared here, not in SQL: SQLite's lower() folds ASCII letters only.
            var variants = await connection.QueryAsync<string>(
                "SELECT term FROM lexicon WHERE language=@Language AND term<>@Term", new { entry.Language, entry.Term }, transaction);
            foreach (var variant in variants.Where(v => !PronunciationLexicon.IsAcronym(v) && string.Equals(v, entry.Term, StringComparison.OrdinalIgnoreCase)))
            {
                await connection.ExecuteAsync("DELETE FROM lexicon WHERE language=@Language AND term=@variant", new { entry.Language, variant }, transaction);
            }
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO lexicon (language, term, spoken, updated_at) VALUES (@Language, @Term, @Spoken, @now)
            ON CONFLICT (language, term) DO UPDATE SET spoken=excluded.spoken, updated_at=excluded.updated_at
            """,
            new { entry.Language, entry.Term, entry.Spoken, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string language, string term, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM lexicon WHERE language=@language AND term=@term", new { language, term }) == 1;
    }
}
