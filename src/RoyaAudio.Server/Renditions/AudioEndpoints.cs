using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RoyaAudio.Articles;
using RoyaAudio.Rendering;
using RoyaAudio.Server.Media;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Storage;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Renditions;

/// <summary>The public face of an article's audio: what the player asks before it shows anything.</summary>
public static class AudioEndpoints
{
    public static void MapAudio(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/articles/{id}").WithTags("Listeners").RequireCors(Hosting.ServiceSetup.ArticleSites)
            .RequireRateLimiting(Security.RateLimitOptions.Public);
        // HEAD answers like GET without the body (Kestrel writes no body for HEAD), for link checkers and CDNs.
        group.MapMethods("/audio", ["GET", "HEAD"], GetAsync)
            .WithSummary("Status, MP3 URL, duration, sentence timings and the AI disclosure of an article's audio")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/audio.vtt", CaptionsAsync)
            .WithSummary("Sentence captions (WebVTT) of the article's current audio")
            .Produces(StatusCodes.Status302Found).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>What answering for an article's audio needs besides the request, bound from DI.</summary>
    private sealed record Answering(ListenerView View, MediaUrls Urls, Listening.PlayTokens Tokens, IOptions<PublicationOptions> Publication);

    private static async Task<Results<Ok<ArticleAudio>, ProblemHttpResult>> GetAsync(
        string id, HttpRequest request, [AsParameters] Answering services, CancellationToken cancellationToken)
    {
        var (view, urls, tokens, publication) = services;
        var article = await view.GetAsync(id, cancellationToken);
        if (article is null)
        {
            return Problems.NotFound($"article '{Excerpt.Of(id)}'");
        }

        AudioFile? audio = null;
        if (article is { CurrentId: { } currentId, CurrentStatus: RenditionStatus.Ready, Mp3Key: not null, VttKey: not null }
            && await view.ReadyAudioAsync(currentId, cancellationToken) is { } ready)
        {
            audio = new AudioFile(
                urls.For(StorageKey.Parse(article.Mp3Key), request), urls.For(StorageKey.Parse(article.VttKey), request),
                ready.DurationMs, article.Bytes ?? 0, ready.Voice, ready.Sentences);
        }

        var status = audio is not null ? RenditionStatus.Ready : PublicStatus(article.LatestStatus);
        var updating = audio is not null && article.LatestId != article.CurrentId && RenditionStatus.IsPending(article.LatestStatus);
        var disclosure = publication.Value.DisclosureFor(article.Language);
        // A token per answer: the page view it starts may count one play and each mark once.
        var token = audio is null ? null : tokens.Issue(article.ArticleId);
        return TypedResults.Ok(new ArticleAudio(
            article.ArticleId, article.Language, article.Title, status, Playable: audio is not null, Pending: RenditionStatus.IsPending(status),
            updating, disclosure, audio, token, ReviewPending: audio is not null && article.ReviewPending != 0,
            UpdatedAt: audio is null ? null : article.UpdatedAt));
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> CaptionsAsync(string id, HttpRequest request, ListenerView view, MediaUrls urls, CancellationToken cancellationToken)
    {
        var article = await view.GetAsync(id, cancellationToken);
        return article is { CurrentStatus: RenditionStatus.Ready, VttKey: not null }
            ? TypedResults.Redirect(urls.For(StorageKey.Parse(article.VttKey), request))
            : Problems.NotFound($"captions for article '{Excerpt.Of(id)}'");
    }

    /// <summary>Listeners learn whether audio is coming, never why a render failed (that is for editors).</summary>
    internal static string PublicStatus(string? status) => status switch
    {
        null or RenditionStatus.Withdrawn or RenditionStatus.Superseded => "none",
        // Read between the rendition turning ready and the article pointing at it (two reads): still on its way.
        RenditionStatus.Ready => RenditionStatus.Rendering,
        _ => status,
    };
}

/// <param name="Status">ready, queued, rendering, retrying, failed or none.</param>
/// <param name="Playable">There is audio to play (<c>audio</c> is set).</param>
/// <param name="Pending">No audio yet, but a render is queued, rendering or retrying: ask again later. False once playable, failed or none.</param>
/// <param name="Updating">A newer version is being rendered; the current audio plays until it is ready.</param>
/// <param name="PlayToken">With ready audio: the token listening events of this page view carry (<c>POST /api/events</c>).</param>
/// <param name="ReviewPending">
/// The audio holds sentences verification doubted and no editor has yet heard and accepted; a site may
/// choose to hold the player back until they have.
/// </param>
/// <param name="UpdatedAt">
/// With ready audio that replaced earlier audio listeners could hear: when it became ready (the player says "Audio
/// updated …"). Null for the article's first ready audio.
/// </param>
public sealed record ArticleAudio(
    string ArticleId, string Language, string Title, string Status, bool Playable, bool Pending, bool Updating, string Disclosure, AudioFile? Audio, string? PlayToken,
    bool ReviewPending, DateTimeOffset? UpdatedAt);

public sealed record AudioFile(string Url, string CaptionsUrl, long DurationMs, long Bytes, string Voice, IReadOnlyList<SentenceCue> Sentences);

public sealed record SentenceCue(int Index, int Paragraph, string Text, long StartMs, long EndMs);
