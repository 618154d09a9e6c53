using RoyaAudio.Loudness;
using System.Text.Json;
using RoyaAudio.Articles;
using RoyaAudio.Branding;
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
    private readonly ITtsEngine _engine;
    private readonly UnitCache _cache;
    private readonly AudioOptions _audio;
    private readonly PublicationOptions _publication;
    private readonly TimeProvider _clock;
    private readonly UnitVerifier? _verifier;
    private readonly ProgrammeFraming _framing;

    /// <param name="verifier">Checks every unit as it is bought (see <see cref="UnitVerifier"/>); null renders unverified.</param>
    /// <param name="framing">Intro, outro and spoken AI note; null renders the story alone.</param>
    public RenditionRenderer(
        ITtsEngine engine, UnitCache cache, AudioOptions audio, PublicationOptions publication, TimeProvider clock, UnitVerifier? verifier = null,
        ProgrammeFraming? framing = null)
    {
        _verifier = verifier;
        _framing = framing ?? ProgrammeFraming.None;
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
        var framed = _framing.Frame(UnitPlanner.Plan(script, _engine.Packing), article.Language, lexicon);
        var units = framed.Units;

        progress?.Report($"{article.Id}: {script.SentenceCount} sentences, {framed.StoryUnits} units");
        Directory.CreateDirectory(outputDirectory);
        var partial = Path.Combine(outputDirectory, article.Id + ".mp3") + $".{Guid.NewGuid():N}.partial";
        var partialJson = Path.ChangeExtension(partial, ".json.partial");
        var partialVtt = Path.ChangeExtension(partial, ".vtt.partial");
        try
        {
            var produced = await new ProgrammeProduction(_engine, _cache, _audio, _verifier)
                .ProduceAsync(framed, article.Language, choice, scratch, partial, article.Id, progress, cancellationToken, reread);
            var synthesized = produced.Synthesized;
            var disclosure = _publication.DisclosureFor(article.Language);
            Id3Tagger.Write(partial, System.Net.WebUtility.HtmlDecode(article.Title), _publication.Name, article.Language, disclosure);

            var sentences = SentenceTimings(units, produced.Programme.PartSpans(), produced);
            FrameSpan? SpanOf(FrameRole role) =>
                framed.Roles.ToList().IndexOf(role) is var i and >= 0 && produced.UnitSpanMs(i) is var (start, end) ? new FrameSpan(start, end) : null;
            var manifest = new RenditionManifest
            {
                ArticleId = article.Id,
                Language = article.Language,
                DurationMs = produced.DurationMs,
                ScriptHash = ScriptHash.Of(script, choice),
                Engine = choice.Engine,
                Model = choice.Model,
                Voice = choice.Voice,
                Disclosure = disclosure,
                Sentences = sentences,
                Intro = SpanOf(FrameRole.Intro),
                Outro = SpanOf(FrameRole.Outro),
                SpokenDisclosure = SpanOf(FrameRole.Disclosure),
                Characters = synthesized.CharactersSent,
                Requests = synthesized.Attempts,
                Retries = synthesized.Retries,
                EstimatedCostUsd = Math.Round(
                    synthesized.CharactersSent * _engine.PricePerMillionCharacters / 1_000_000
                    + (synthesized.Verification?.TranscribedSeconds ?? 0) / 60 * (_verifier?.Transcriber?.PricePerMinute ?? 0), 4),
                CacheHits = synthesized.CacheHits,
                Units = framed.Spoken.Count,
                LoudnessLufs = Math.Round(produced.Lufs, 2),
                TruePeakDbtp = Math.Round(produced.TruePeak, 2),
                BitrateKbps = _audio.BitrateKbps,
                SampleRate = _audio.SampleRate,
                Bytes = new FileInfo(partial).Length,
                RenderedAt = _clock.GetUtcNow(),
                Verification = synthesized.Verification,
                Waveform = new Waveform(LoudnessEnvelope.PerSecond, Convert.ToBase64String(produced.Envelope)),
            };

            var frameCues = framed.Roles.Select((role, i) => (role, i)).Where(f => f.role != FrameRole.Story)
                .Select(f => (f.role, f.i, span: produced.UnitSpanMs(f.i)))
                .Select(f => new CaptionCue(f.role.ToString().ToLowerInvariant(), units[f.i].Parts[0].Sentence.Text is { Length: > 0 } text ? text : "♪", f.span.StartMs, f.span.EndMs));
            return await PublishAsync(outputDirectory, article.Id, manifest, frameCues, (partial, partialJson, partialVtt), cancellationToken);
        }
        finally
        {
            File.Delete(partial);
            File.Delete(partialJson);
            File.Delete(partialVtt);
        }
    }

    /// <summary>
    /// Writes the manifest and captions beside the finished MP3 and gives the three their final names
    /// together: all are complete before any is renamed, and two renders of one article take turns, so an
    /// MP3 never sits beside another render's timings.
    /// </summary>
    private static async Task<RenderedFiles> PublishAsync(
        string outputDirectory, string articleId, RenditionManifest manifest, IEnumerable<CaptionCue> frameCues, (string Mp3, string Json, string Vtt) partial,
        CancellationToken cancellationToken)
    {
        var mp3Path = Path.Combine(outputDirectory, articleId + ".mp3");
        var jsonPath = Path.Combine(outputDirectory, articleId + ".json");
        var vttPath = Path.Combine(outputDirectory, articleId + ".vtt");
        await File.WriteAllTextAsync(partial.Json, JsonSerializer.Serialize(manifest, RenditionJson.Instance.RenditionManifest), cancellationToken);
        await File.WriteAllTextAsync(partial.Vtt, WebVtt.Write(manifest.Sentences, frameCues), cancellationToken);
        using (await OutputLock.AcquireAsync(outputDirectory, articleId, cancellationToken))
        {
            File.Move(partial.Mp3, mp3Path, overwrite: true);
            File.Move(partial.Json, jsonPath, overwrite: true);
            File.Move(partial.Vtt, vttPath, overwrite: true);
        }

        return new RenderedFiles(mp3Path, jsonPath, vttPath, manifest);
    }

    /// <summary>
    /// A sentence starts where its first part is heard and ends where its last part ends; parts of a
    /// packed unit were placed at the pauses in the unit's audio (see <see cref="PartAligner"/>).
    /// </summary>
    private static List<SentenceTiming> SentenceTimings(
        IReadOnlyList<SynthesisUnit> units, IReadOnlyList<IReadOnlyList<(long Start, long End)>> parts, ProducedProgramme produced)
    {
        var timings = new List<SentenceTiming>();
        long start = 0;
        for (var u = 0; u < units.Count; u++)
        {
            for (var p = 0; p < units[u].Parts.Count && units[u].Paragraph >= 0; p++)
            {
                var part = units[u].Parts[p];
                if (part.StartsSentence)
                {
                    start = parts[u][p].Start;
                }

                if (part.EndsSentence)
                {
                    var sentence = part.Sentence;
                    timings.Add(new SentenceTiming(sentence.Index, sentence.Paragraph, sentence.Text, produced.ToMs(start), produced.ToMs(parts[u][p].End)));
                }
            }
        }

        return timings;
    }

}

public sealed record RenderedFiles(string Mp3Path, string ManifestPath, string CaptionsPath, RenditionManifest Manifest);
