using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RoyaAudio.Articles;
using RoyaAudio.Rendering;
using RoyaAudio.Server.Articles;
using RoyaAudio.Server.Lexicon;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Renditions;
using RoyaAudio.Server.Storage;
using RoyaAudio.Server.Synthesis;
using RoyaAudio.Stitching;

namespace RoyaAudio.Server.Jobs;

/// <summary>
/// The work of one render attempt, without its bookkeeping: read the article as stored, render it with the
/// rendition's engine and voice in a scratch folder of this process, and store the MP3 and captions under
/// their content hashes. <see cref="RenderJob"/> owns the claim, the lease and what the outcome means.
/// </summary>
public sealed class RenditionProduction(
    ArticleStore articles,
    LexiconStore lexicon,
    TtsEngines engines,
    IAudioStore store,
    SharedUnitCache unitCache,
    UnitVerification verification,
    IOptions<AudioOptions> audio,
    IOptions<PublicationOptions> publication,
    IOptions<Branding.BrandingOptions> branding,
    IOptions<Branding.DisclosureOptions> disclosure,
    IOptions<JobOptions> jobs,
    TimeProvider clock)
{
    public async Task<StoredRendition> RenderAndStoreAsync(RenditionRow rendition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rendition);
        var row = await articles.GetAsync(rendition.ArticleId, cancellationToken)
            ?? throw new ArticleInputException($"article {rendition.ArticleId} is no longer known");
        var article = ArticleReader.Parse(row.Source);
        var engine = engines.TryGet(rendition.Engine, out var chosen)
            ? chosen
            : throw new ArticleInputException($"the TTS engine '{rendition.Engine}' is not configured on this worker");
        var words = await lexicon.ForLanguageAsync(article.Language, cancellationToken);
        var renderer = new RenditionRenderer(engine, unitCache.Cache, audio.Value, publication.Value, clock, verification.For(engine),
            new Branding.ProgrammeFraming(branding.Value, disclosure.Value, publication.Value));

        // Named for this process: a killed worker's folder is swept by the next render on the machine.
        using var scratch = RenderScratch.Create(jobs.Value.RenderScratchRoot, $"rendition{rendition.Id}");
        var reread = (rendition.Reread ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(i => int.Parse(i, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var files = await renderer.RenderAsync(article, words, scratch.Path, rendition.Voice, progress: null, cancellationToken, scratch.Path, reread);
        var mp3 = StorageKey.ForAudio(article.Id, await Sha256Async(files.Mp3Path, cancellationToken), "mp3");
        var vtt = StorageKey.ForAudio(article.Id, await Sha256Async(files.CaptionsPath, cancellationToken), "vtt");
        // Captions first: once the MP3 is there, everything the rendition will name is.
        await PutAsync(vtt, files.CaptionsPath, cancellationToken);
        await PutAsync(mp3, files.Mp3Path, cancellationToken);
        var manifest = files.Manifest;
        return new StoredRendition(
            manifest.ScriptHash, mp3.Value, vtt.Value, manifest.Bytes, manifest.DurationMs, manifest.Characters, manifest.EstimatedCostUsd,
            RenditionRecord.From(manifest).ToJson(), JsonSerializer.Serialize(manifest, RenditionManifest.JsonOptions),
            manifest.Verification?.Flagged.Count);
    }

    private async Task PutAsync(StorageKey key, string path, CancellationToken cancellationToken)
    {
        using var span = ServiceTraces.StartStoragePut(store, key);
        await store.PutFileAsync(key, path, cancellationToken);
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }
}
