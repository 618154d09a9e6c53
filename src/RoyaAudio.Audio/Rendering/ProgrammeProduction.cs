using RoyaAudio.Branding;
using RoyaAudio.Loudness;
using RoyaAudio.Mp3;
using RoyaAudio.Stitching;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Verification;

namespace RoyaAudio.Rendering;

/// <summary>
/// Units, spoken or recorded, to one mastered MP3: synthesis (cached), assembly, loudness and encoding,
/// overlapping. What an article's rendition and a daily bulletin have in common.
/// </summary>
public sealed class ProgrammeProduction(ITtsEngine engine, UnitCache cache, AudioOptions audio, UnitVerifier? verifier = null)
{
    /// <summary>How many of the voice's first clips set the loudness a recording is brought to.</summary>
    private const int ReferenceClips = 4;

    /// <summary>Half the ±1 LU tolerance: what is left covers the codec's variation.</summary>
    private const double ReencodeBeyondLu = 0.5;

    /// <param name="label">Names the programme in progress messages.</param>
    /// <param name="reread">Sentences whose units are bought again, bypassing the cache.</param>
    public async Task<ProducedProgramme> ProduceAsync(
        FramedUnits framed, string language, VoiceChoice voice, string scratch, string mp3Path, string label,
        IProgress<string>? progress, CancellationToken cancellationToken, IReadOnlySet<int>? reread = null)
    {
        ArgumentNullException.ThrowIfNull(framed);
        var synthesisProgress = progress is null ? null : new Progress<int>(done =>
        {
            if (done % 50 == 0)
            {
                progress.Report($"{label}: synthesised {done} units");
            }
        });
        using var stopSynthesis = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var speech = new UnitSynthesizer(engine, cache, verifier)
            .Start(framed.Spoken, language, voice, synthesisProgress, stopSynthesis.Token, reread);
        var synthesis = WithRecordings(framed, speech, scratch, stopSynthesis.Token);
        try
        {
            var programme = new Programme(framed.Units, synthesis.ClipPaths, audio);
            var (lufs, truePeak, synthesized, envelope) = await MasterAsync(label, programme, synthesis, scratch, mp3Path, progress, stopSynthesis.Token, cancellationToken);
            var spans = programme.UnitSpans();
            return new ProducedProgramme(
                programme, lufs, truePeak, synthesized, envelope, spans[^1].End + audio.Samples(audio.TailMs), audio.SampleRate);
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
    }

    /// <summary>
    /// Synthesis, assembly and encoding overlap: the recording follows synthesis clip by clip, the gain is
    /// chosen from its beginning, and the encoder follows the recording. Encodes once more when the whole
    /// programme's loudness disagrees with the gain chosen from its beginning.
    /// </summary>
    private async Task<(double Lufs, double TruePeak, SynthesisResult Synthesized, byte[] Envelope)> MasterAsync(
        string label, Programme programme, SynthesisRun synthesis, string scratch, string partial, IProgress<string>? progress,
        CancellationToken stopSynthesis, CancellationToken cancellationToken)
    {
        var stage = System.Diagnostics.Stopwatch.StartNew();
        using var recording = ProgrammeRecording.Start(programme, synthesis.ClipReady, audio.SampleRate, scratch, stopSynthesis);
        var mastering = new Mastering(recording, audio);
        var gain = await mastering.ChooseGainDbAsync(cancellationToken);
        progress?.Report($"{label}: gain {gain:+0.0;-0.0} dB chosen at {stage.Elapsed.TotalSeconds:F2} s");
        var envelope = new LoudnessEnvelope(audio.SampleRate);
        var (lufs, truePeak) = await EncodeAsync(mastering, gain, partial, envelope, cancellationToken);
        await recording.Completion;
        var synthesized = await synthesis.Completion;
        progress?.Report($"{label}: synthesised, assembled and encoded at {stage.Elapsed.TotalSeconds:F2} s " +
            $"({synthesized.Attempts} requests, {synthesized.CacheHits} cached; {recording.RecordedSamples / (double)audio.SampleRate:F1} s of audio, raw {recording.RawLufs:F1} LUFS)");
        if (Math.Abs(lufs - audio.TargetLufs) > ReencodeBeyondLu)
        {
            // The gain was chosen from the programme's beginning; the whole disagreed, so encode again with the truth.
            progress?.Report($"{label}: measured {lufs:F2} LUFS, encoding again");
            envelope = new LoudnessEnvelope(audio.SampleRate);
            (lufs, truePeak) = await EncodeAsync(mastering, mastering.CorrectedGainDb(gain, lufs), partial, envelope, cancellationToken);
        }

        return (lufs, truePeak, synthesized, envelope.Levels());
    }

    private async Task<(double Lufs, double TruePeak)> EncodeAsync(Mastering mastering, double gain, string path, LoudnessEnvelope envelope, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
        using var encoder = new Mp3Encoder(file, audio.SampleRate, audio.BitrateKbps, audio.LameQuality);
        return await mastering.EncodeAsync(gain, encoder, cancellationToken, envelope);
    }

    /// <summary>
    /// The synthesis run with recorded intros and outros slotted in: each recording is brought to the loudness
    /// of the first clips the voice speaks, so it waits for those, and is ready when written.
    /// </summary>
    private SynthesisRun WithRecordings(FramedUnits framed, SynthesisRun speech, string scratch, CancellationToken cancellationToken)
    {
        if (framed.Files.All(f => f is null))
        {
            return speech;
        }

        // A few clips, not one: a single short line can sit a few LU off the voice's usual level.
        var reference = Math.Min(ReferenceClips, speech.ClipPaths.Count);
        var speechLoudness = new Lazy<Task<double>>(async () =>
        {
            await Task.WhenAll(speech.ClipReady.Take(reference)).WaitAsync(cancellationToken);
            return await Task.Run(() => BrandFile.LoudnessOf(speech.ClipPaths.Take(reference).Distinct()), cancellationToken);
        });
        var paths = new List<string>();
        var ready = new List<Task>();
        var spoken = 0;
        for (var i = 0; i < framed.Units.Count; i++)
        {
            if (framed.Files[i] is { } file)
            {
                var prepared = System.IO.Path.Combine(scratch, $"frame-{i}-{Guid.NewGuid():N}.wav");
                paths.Add(prepared);
                ready.Add(Task.Run(async () => BrandFile.Prepare(file, audio.SampleRate, await speechLoudness.Value, prepared), cancellationToken));
            }
            else
            {
                paths.Add(speech.ClipPaths[spoken]);
                ready.Add(speech.ClipReady[spoken]);
                spoken++;
            }
        }

        return new SynthesisRun(paths, ready, speech.Completion);
    }
}

/// <summary>A mastered programme: where each unit is heard, how loud it came out, and what synthesis cost.</summary>
public sealed record ProducedProgramme(
    Programme Programme, double Lufs, double TruePeak, SynthesisResult Synthesized, byte[] Envelope, long TotalSamples, int SampleRate)
{
    public long DurationMs => ToMs(TotalSamples);

    public long ToMs(long samples) => samples * 1000 / SampleRate;

    /// <summary>Where unit <paramref name="index"/> is heard, in milliseconds.</summary>
    public (long StartMs, long EndMs) UnitSpanMs(int index)
    {
        var span = Programme.UnitSpans()[index];
        return (ToMs(span.Start), ToMs(span.End));
    }
}
