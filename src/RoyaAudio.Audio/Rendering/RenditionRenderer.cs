using RoyaAudio.Loudness;
using System.Text.Json;
using RoyaAudio.Articles;
using RoyaAudio.Stitching;
using RoyaAudio.Mp3;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Verification;
using RoyaAudio.Text;

namespace RoyaAudio.Rendering;

/// <summary>
/// One article, start to finish: script, units, synthesis (cached), assembly, loudness, MP3, tags,
/// manifest and captions. Files appear under their final names only when complete.
/// </summary>
public sealed class RenditionRenderer
{
    /// <summary>Half the ±1 LU tolerance: what is left covers the codec's variation.</summary>
    private const double ReencodeBeyondLu = 0.5;

    private readonly ITtsEngine _engine;
    private readonly UnitCache _cache;
    private readonly AudioOptions _audio;
    private readonly PublicationOptions _publication;
    private readonly TimeProvider _clock;
    private readonly UnitVerifier? _verifier;

    /// <param name="verifier">Checks every unit as it is bought (see <see cref="UnitVerifier"/>); null renders unverified.</param>
    public RenditionRenderer(
        ITtsEngine engine, UnitCache cache, AudioOptions audio, PublicationOptions publication, TimeProvider clock, UnitVerifier? verifier = null)
    {
        _verifier = verifier;
        _engine = engine;
        _cache = cache;
        _audio = audio;
        _publication = publication;
        _clock = clock;
    }

    public VoiceChoice VoiceFor(string language, string? voice) => VoiceChoice.For(_engine, language, voice);

    /// <param name="reread">Sentences whose units are bought again, bypassing the cache: an editor's "re-read this sentence".</param>
    /// <param name="scratchDirectory">
    /// A folder the caller owns for the render's temporary files; when null the render makes its own
    /// <see cref="RenderScratch"/> under the temp folder and removes it when done.
    /// </param>
    public async Task<RenderedFiles> RenderAsync(
        Article article, PronunciationLexicon lexicon, string outputDirectory, string? voice,
        IProgress<string>? progress, CancellationToken cancellationToken, string? scratchDirectory = null, IReadOnlySet<int>? reread = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        using var ownScratch = scratchDirectory is null ? RenderScratch.Create(RenderScratch.DefaultRoot, "render") : null;
        var scratch = scratchDirectory ?? ownScratch!.Path;
        var script = SpeechScriptBuilder.Build(article, lexicon);
        var choice = VoiceFor(article.Language, voice);
        var units = UnitPlanner.Plan(script, _engine.Packing);

        progress?.Report($"{article.Id}: {script.SentenceCount} sentences, {units.Count} units");
        var synthesisProgress = progress is null ? null : new Progress<int>(done =>
        {
            if (done % 50 == 0)
            {
                progress.Report($"{article.Id}: synthesised {done} units");
            }
        });
        using var stopSynthesis = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var synthesis = new UnitSynthesizer(_engine, _cache, _verifier)
            .Start(units, article.Language, choice, synthesisProgress, stopSynthesis.Token, reread);

        Directory.CreateDirectory(outputDirectory);
        var partial = Path.Combine(outputDirectory, article.Id + ".mp3") + $".{Guid.NewGuid():N}.partial";
        var partialJson = Path.ChangeExtension(partial, ".json.partial");
        var partialVtt = Path.ChangeExtension(partial, ".vtt.partial");
        try
        {
            var programme = new Programme(units, synthesis.ClipPaths, _audio);
            var (lufs, truePeak, synthesized, envelope) = await MasterAsync(article.Id, programme, synthesis, scratch, partial, progress, stopSynthesis.Token, cancellationToken);
            var disclosure = _publication.DisclosureFor(article.Language);
            Id3Tagger.Write(partial, System.Net.WebUtility.HtmlDecode(article.Title), _publication.Name, article.Language, disclosure);

            var sentences = SentenceTimings(units, programme.PartSpans());
            var manifest = new RenditionManifest
            {
                ArticleId = article.Id,
                Language = article.Language,
                DurationMs = ToMs(TotalSamples(programme)),
                ScriptHash = ScriptHash.Of(script, choice),
                Engine = choice.Engine,
                Model = choice.Model,
                Voice = choice.Voice,
                Disclosure = disclosure,
                Sentences = sentences,
                Characters = synthesized.CharactersSent,
                Requests = synthesized.Attempts,
                Retries = synthesized.Retries,
                EstimatedCostUsd = Math.Round(
                    synthesized.CharactersSent * _engine.PricePerMillionCharacters / 1_000_000
                    + (synthesized.Verification?.TranscribedSeconds ?? 0) / 60 * (_verifier?.Transcriber?.PricePerMinute ?? 0), 4),
                CacheHits = synthesized.CacheHits,
                Units = units.Count,
                LoudnessLufs = Math.Round(lufs, 2),
                TruePeakDbtp = Math.Round(truePeak, 2),
                BitrateKbps = _audio.BitrateKbps,
                SampleRate = _audio.SampleRate,
                Bytes = new FileInfo(partial).Length,
                RenderedAt = _clock.GetUtcNow(),
                Verification = synthesized.Verification,
                Waveform = new Waveform(LoudnessEnvelope.PerSecond, Convert.ToBase64String(envelope)),
            };

            return await PublishAsync(outputDirectory, article.Id, manifest, (partial, partialJson, partialVtt), cancellationToken);
        }
        catch (Exception) when (!synthesis.Completion.IsCompletedSuccessfully)
        {
            // When synthesis failed, its reason is the render's reason, not the assembly it starved.
            await stopSynthesis.CancelAsync();
            try
            {
                await synthesis.Completion;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Stopped by us: the original failure stands.
            }

            throw;
        }
        finally
        {
            File.Delete(partial);
            File.Delete(partialJson);
            File.Delete(partialVtt);
        }
    }

    /// <summary>
    /// Synthesis, assembly and encoding overlap: the recording follows synthesis clip by clip, the gain is
    /// chosen from its beginning, and the encoder follows the recording. Encodes once more when the whole
    /// programme's loudness disagrees with the gain chosen from its beginning.
    /// </summary>
    private async Task<(double Lufs, double TruePeak, SynthesisResult Synthesized, byte[] Envelope)> MasterAsync(
        string articleId, Programme programme, SynthesisRun synthesis, string scratch, string partial, IProgress<string>? progress,
        CancellationToken stopSynthesis, CancellationToken cancellationToken)
    {
        var stage = System.Diagnostics.Stopwatch.StartNew();
        using var recording = ProgrammeRecording.Start(programme, synthesis.ClipReady, _audio.SampleRate, scratch, stopSynthesis);
        var mastering = new Mastering(recording, _audio);
        var gain = await mastering.ChooseGainDbAsync(cancellationToken);
        progress?.Report($"{articleId}: gain {gain:+0.0;-0.0} dB chosen at {stage.Elapsed.TotalSeconds:F2} s");
        var envelope = new LoudnessEnvelope(_audio.SampleRate);
        var (lufs, truePeak) = await EncodeAsync(mastering, gain, partial, envelope, cancellationToken);
        await recording.Completion;
        var synthesized = await synthesis.Completion;
        progress?.Report($"{articleId}: synthesised, assembled and encoded at {stage.Elapsed.TotalSeconds:F2} s " +
            $"({synthesized.Attempts} requests, {synthesized.CacheHits} cached; {recording.RecordedSamples / (double)_audio.SampleRate:F1} s of audio, raw {recording.RawLufs:F1} LUFS)");
        if (Math.Abs(lufs - _audio.TargetLufs) > ReencodeBeyondLu)
        {
            // The gain was chosen from the programme's beginning; the whole disagreed, so encode again with the truth.
            progress?.Report($"{articleId}: measured {lufs:F2} LUFS, encoding again");
            envelope = new LoudnessEnvelope(_audio.SampleRate);
            (lufs, truePeak) = await EncodeAsync(mastering, mastering.CorrectedGainDb(gain, lufs), partial, envelope, cancellationToken);
        }

        return (lufs, truePeak, synthesized, envelope.Levels());
    }

    /// <summary>
    /// Writes the manifest and captions beside the finished MP3 and gives the three their final names
    /// together: all are complete before any is renamed, and two renders of one article take turns, so an
    /// MP3 never sits beside another render's timings.
    /// </summary>
    private static async Task<RenderedFiles> PublishAsync(
        string outputDirectory, string articleId, RenditionManifest manifest, (string Mp3, string Json, string Vtt) partial, CancellationToken cancellationToken)
    {
        var mp3Path = Path.Combine(outputDirectory, articleId + ".mp3");
        var jsonPath = Path.Combine(outputDirectory, articleId + ".json");
        var vttPath = Path.Combine(outputDirectory, articleId + ".vtt");
        await File.WriteAllTextAsync(partial.Json, JsonSerializer.Serialize(manifest, RenditionManifest.JsonOptions), cancellationToken);
        await File.WriteAllTextAsync(partial.Vtt, WebVtt.Write(manifest.Sentences), cancellationToken);
        using (await OutputLock.AcquireAsync(outputDirectory, articleId, cancellationToken))
        {
            File.Move(partial.Mp3, mp3Path, overwrite: true);
            File.Move(partial.Json, jsonPath, overwrite: true);
            File.Move(partial.Vtt, vttPath, overwrite: true);
        }

        return new RenderedFiles(mp3Path, jsonPath, vttPath, manifest);
    }

    private async Task<(double Lufs, double TruePeak)> EncodeAsync(Mastering mastering, double gain, string path, LoudnessEnvelope envelope, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
        using var encoder = new Mp3Encoder(file, _audio.SampleRate, _audio.BitrateKbps, _audio.LameQuality);
        return await mastering.EncodeAsync(gain, encoder, cancellationToken, envelope);
    }

    private long TotalSamples(Programme programme)
    {
        var spans = programme.UnitSpans();
        return spans[^1].End + _audio.Samples(_audio.TailMs);
    }

    /// <summary>
    /// A sentence starts where its first part is heard and ends where its last part ends; parts of a
    /// packed unit were placed at the pauses in the unit's audio (see <see cref="PartAligner"/>).
    /// </summary>
    private List<SentenceTiming> SentenceTimings(IReadOnlyList<SynthesisUnit> units, IReadOnlyList<IReadOnlyList<(long Start, long End)>> parts)
    {
        var timings = new List<SentenceTiming>();
        long start = 0;
        for (var u = 0; u < units.Count; u++)
        {
            for (var p = 0; p < units[u].Parts.Count; p++)
            {
                var part = units[u].Parts[p];
                if (part.StartsSentence)
                {
                    start = parts[u][p].Start;
                }

                if (part.EndsSentence)
                {
                    var sentence = part.Sentence;
                    timings.Add(new SentenceTiming(sentence.Index, sentence.Paragraph, sentence.Text, ToMs(start), ToMs(parts[u][p].End)));
                }
            }
        }

        return timings;
    }

    private long ToMs(long samples) => samples * 1000 / _audio.SampleRate;
}

public sealed record RenderedFiles(string Mp3Path, string ManifestPath, string CaptionsPath, RenditionManifest Manifest);
