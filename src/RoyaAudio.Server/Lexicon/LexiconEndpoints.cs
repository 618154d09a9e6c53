using Microsoft.AspNetCore.Http.HttpResults;
using RoyaAudio.Articles;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Security;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Lexicon;

/// <summary>Lexicon editing per language. A changed respelling changes the script hash, so the next edit of an affected article renders again.</summary>
public static class LexiconEndpoints
{
    public static void MapLexicon(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/lexicon/{language}").WithTags("Editors").RequireAuthorization(Policies.Editor);
        group.MapGet("", ListAsync).WithSummary("The language's pronunciation entries");
        group.MapPut("/{term}", PutAsync).WithSummary("Add or change how a term is read");
        group.MapDelete("/{term}", DeleteAsync).WithSummary("Remove a term");
    }

    private static async Task<Results<Ok<IEnumerable<LexiconTerm>>, ProblemHttpResult>> ListAsync(string language, LexiconStore lexicon, CancellationToken cancellationToken) =>
        Languages.IsSupported(language)
            ? TypedResults.Ok((await lexicon.ListAsync(language, cancellationToken)).Select(e => new LexiconTerm(e.Term, e.Spoken)))
            : UnknownLanguage(language);

    private static async Task<Results<Ok<LexiconChange>, ProblemHttpResult>> PutAsync(
        string language, string term, LexiconRequest request, LexiconStore lexicon, Renditions.AudioFreshness freshness, CancellationToken cancellationToken)
    {
        if (!Languages.IsSupported(language))
        {
            return UnknownLanguage(language);
        }

        if (string.IsNullOrWhiteSpace(term) || term.Length > LexiconStore.MaxTermLength || string.IsNullOrWhiteSpace(request.Spoken) || request.Spoken.Length > LexiconStore.MaxTermLength)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, $"term and spoken must be 1-{LexiconStore.MaxTermLength} characters");
        }

        // What the preview refuses is refused here too: a control character would reach every render of the language.
        if (term.Any(char.IsControl) || request.Spoken.Any(char.IsControl))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "term and spoken may not hold control characters (NUL, BEL, tabs, line breaks…)");
        }

        await lexicon.UpsertAsync(new LexiconEntry(language, term.Trim(), request.Spoken.Trim()), cancellationToken);
        // The change alters no audio by itself: say which published audio it now leaves behind, for "Regenerate these".
        var affected = await freshness.OutdatedInAsync(language, term.Trim(), cancellationToken);
        return TypedResults.Ok(new LexiconChange(term.Trim(), request.Spoken.Trim(), affected.Count, affected));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string language, string term, LexiconStore lexicon, CancellationToken cancellationToken) =>
        !Languages.IsSupported(language) ? UnknownLanguage(language)
        : await lexicon.DeleteAsync(language, term.Trim(), cancellationToken) ? TypedResults.NoContent()
        : Problems.NotFound($"lexicon term '{Excerpt.Of(term)}'");

    private static ProblemHttpResult UnknownLanguage(string language) =>
        Problems.Of(StatusCodes.Status404NotFound, $"unknown language '{Excerpt.Of(language, 16)}': supported are {string.Join(", ", Languages.Supported)}");
}

public sealed record LexiconRequest(string Spoken);

/// <summary>A term and how it is read.</summary>
public sealed record LexiconTerm(string Term, string Spoken);

/// <param name="AffectedArticles">
/// Published articles whose copy holds the term and whose ready audio no longer matches their script read
/// with the lexicon as it is now (among the newest <see cref="Renditions.AudioFreshness.MaxScanned"/> of the edition).
/// </param>
/// <param name="AffectedArticleIds">Those articles, newest first: what "Regenerate these" sends to <c>POST /api/backfill</c>.</param>
public sealed record LexiconChange(string Term, string Spoken, int AffectedArticles, IReadOnlyList<string> AffectedArticleIds);
