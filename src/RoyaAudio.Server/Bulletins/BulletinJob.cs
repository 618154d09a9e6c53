using System.Security.Cryptography;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.Options;
using RoyaAudio.Articles;
using RoyaAudio.Branding;
using RoyaAudio.Bulletins;
using RoyaAudio.Rendering;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Server.Lexicon;
using RoyaAudio.Server.Storage;
using RoyaAudio.Server.Synthesis;
using RoyaAudio.Stitching;

namespace RoyaAudio.Server.Bulletins;

/// <summary>
/// Builds a language's bulletin: an editor's pick for the day if there is one, else the newest stories with
/// ready audio that arrived in the 24 hours before the build, at most <c>MaxStories</c>. Each story's stored
/// MP3 is fetched and its story cut out; only the opening and the AI note are spoken, and they are cached.
/// </summary>
public sealed class BulletinJob(
    BulletinStore bulletins,
    TtsEngines engines,
    IAudioStore store,
    SharedUnitCache unitCache,
    LexiconStore lexicon,
    IOptions<AudioOptions> audio,
    IOptions<PublicationOptions> publication,
    IOptions<DisclosureOptions> disclosure,
    IOptions<BulletinOptions> options,
    IOptions<JobOptions> jobs,
    TimeProvider clock,
    ILogger<BulletinJob> log)
{
    public const string RecurringPrefix = "bulletin-";

    /// <summary>The window a daily bulletin looks back over when no editor picked its stories.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The edition's local day now, as bulletins and picks are keyed.</summary>
    public static string Today(EditionBulletin edition, TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), edition.Zone ?? TimeZoneInfo.Utc).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The recurring build at the edition's hour.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task ScheduledAsync(string language, CancellationToken cancellationToken)
    {
        var row = await bulletins.CreateAsync(language, Today(options.Value.For(language), clock), "schedule", cancellationToken);
        await BuildAsync(row.Id, cancellationToken);
    }

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600])]
    public async Task BuildAsync(long bulletinId, CancellationToken cancellationToken)
    {
        var row = await bulletins.GetAsync(bulletinId, cancellationToken);
        if (row is null || row.Status == BulletinStatus.Ready)
        {
            return;
        }

        var edition = options.Value.For(row.Language);
        var stories = await ChooseAsync(row, edition, cancellationToken);
        if (stories.Count == 0)
        {
            // Nothing to read is an answer, not a fault to retry.
            await bulletins.SetStatusAsync(row.Id, BulletinStatus.Failed,
                $"no published {row.Language} story with ready audio arrived in the {Window.TotalHours:F0} hours before the build, and no editor picked any", cancellationToken);
            return;
        }

        await bulletins.SetStatusAsync(row.Id, BulletinStatus.Building, null, cancellationToken);
        try
        {
            await RenderAndStoreAsync(row, edition, stories, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "bulletin {Language} {Day} could not be built", row.Language, row.Day);
            await bulletins.SetStatusAsync(row.Id, BulletinStatus.Failed, e.Message, CancellationToken.None);
            throw;
        }
    }

    private async Task<IReadOnlyList<BulletinCandidate>> ChooseAsync(BulletinRow row, EditionBulletin edition, CancellationToken cancellationToken)
    {
        if (await bulletins.PickAsync(row.Language, row.Day, cancellationToken) is { Count: > 0 } pick)
        {
            // The editor's order; a story unpublished or withdrawn since the pick drops out.
            var found = (await bulletins.StoriesAsync(row.Language, pick, cancellationToken)).ToDictionary(c => c.ArticleId, StringComparer.Ordinal);
            return [.. pick.Where(found.ContainsKey).Select(id => found[id]).Take(edition.MaxStories)];
        }

        var since = clock.GetUtcNow() - Window;
        return await bulletins.RecentStoriesAsync(row.Language, since.ToUnixTimeMilliseconds(), edition.MaxStories, cancellationToken);
    }

    private async Task RenderAndStoreAsync(BulletinRow row, EditionBulletin edition, IReadOnlyList<BulletinCandidate> candidates, CancellationToken cancellationToken)
    {
        using var scratch = RenderScratch.Create(jobs.Value.RenderScratchRoot, $"bulletin{row.Id}");
        var stories = new List<BulletinStory>();
        foreach (var candidate in candidates)
        {
            var local = Path.Combine(scratch.Path, $"{stories.Count}.mp3");
            if (candidate.StorySpan is not { } span || !await store.TryDownloadAsync(StorageKey.Parse(candidate.Mp3Key), local, cancellationToken))
            {
                log.LogWarning("bulletin {Language} {Day}: story {ArticleId} left out, its audio could not be read", row.Language, row.Day, candidate.ArticleId);
                continue;
            }

            stories.Add(new BulletinStory(candidate.ArticleId, System.Net.WebUtility.HtmlDecode(candidate.Title), local, span.StartMs, span.EndMs));
        }

        var day = DateOnly.ParseExact(row.Day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var name = publication.Value.Name;
        var renderer = new BulletinRenderer(engines.Default, unitCache.Cache, audio.Value, publication.Value, disclosure.Value, clock);
        var mp3 = Path.Combine(scratch.Path, "bulletin.mp3");
        var manifest = await renderer.RenderAsync(
            row.Language, row.Day, BulletinWording.Title(row.Language, name, day), BulletinWording.Opening(row.Language, edition.Opening, day), stories,
            await lexicon.ForLanguageAsync(row.Language, cancellationToken), mp3, scratch.Path, progress: null, cancellationToken);

        string hash;
        await using (var file = File.OpenRead(mp3))
        {
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        }

        var key = StorageKey.ForBulletin(row.Language, hash);
        await store.PutFileAsync(key, mp3, cancellationToken);
        await bulletins.ReadyAsync(row.Id, key.Value, manifest.Bytes, manifest.DurationMs, JsonSerializer.Serialize(manifest, RenditionManifest.JsonOptions), cancellationToken);
        log.LogInformation("bulletin {Language} {Day}: {Stories} stories, {Seconds:F0} s, {Requests} TTS requests",
            row.Language, row.Day, manifest.Chapters.Count, manifest.DurationMs / 1000.0, manifest.Requests);
    }
}
