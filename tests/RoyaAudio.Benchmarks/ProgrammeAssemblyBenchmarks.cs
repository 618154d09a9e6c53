using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RoyaAudio.Stitching;
using RoyaAudio.Synthesis;
using RoyaAudio.Text;

namespace RoyaAudio.Benchmarks;

/// <summary>
/// Programme assembly: 17 clips (a title and four paragraphs of four sentences) read from 16-bit WAV
/// files, resampled to 24 kHz, trimmed, faded and joined with the designed pauses, read from
/// <see cref="Programme.Audio"/> to the end in the renderer's chunk size. The programme lasts 60 s, and one
/// operation is one second of it, so Op/s reads as times real time. Baseline: 22,050 Hz clips, what
/// espeak-ng writes; the ratio is 24,000 Hz clips (no resampling, as remote voices deliver) against it,
/// which shows what the resampler costs.
/// </summary>
[Config(typeof(StageConfig))]
[BenchmarkCategory("assembly")]
public class ProgrammeAssemblyBenchmarks
{
    private const int Seconds = 60;
    private const int Paragraphs = 4;
    private const int SentencesPerParagraph = 4;
    private const int ChunkSamples = 16_384;

    /// <summary>Silence around each clip's speech, as engines leave it; assembly trims it away.</summary>
    private const int ClipLeadMs = 100;
    private const int ClipTailMs = 200;

    /// <summary>What trimming keeps around the speech (5 ms before, 25 ms after).</summary>
    private const int TrimMarginMs = 30;

    private readonly AudioOptions _options = new();
    private readonly float[] _buffer = new float[ChunkSamples];
    private string _folder = "";
    private SynthesisUnit[] _units = [];
    private string[] _clips22050 = [];
    private string[] _clips24000 = [];

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"roya-bench-assembly-{Environment.ProcessId}");
        Directory.CreateDirectory(_folder);

        var units = new List<SynthesisUnit> { Unit(0, 0) };
        for (var paragraph = 1; paragraph <= Paragraphs; paragraph++)
        {
            for (var s = 0; s < SentencesPerParagraph; s++)
            {
                units.Add(Unit(units.Count, paragraph));
            }
        }

        _units = [.. units];

        // Pauses: lead-in, 900 ms after the title, 350 ms between sentences, 700 ms between paragraphs, tail.
        var pausesMs = _options.LeadInMs + _options.TitlePauseMs + (_options.ParagraphPauseMs * (Paragraphs - 1))
            + (_options.SentencePauseMs * Paragraphs * (SentencesPerParagraph - 1)) + _options.TailMs;
        var speechMs = ((Seconds * 1000) - pausesMs) / _units.Length - TrimMarginMs;

        _clips22050 = WriteClips(22050, speechMs);
        _clips24000 = WriteClips(24000, speechMs);

        foreach (var clips in new[] { _clips22050, _clips24000 })
        {
            var seconds = (double)Read(clips) / _options.SampleRate;
            Console.WriteLine($"// programme of {clips.Length} clips: {seconds:F3} s");
            if (Math.Abs(seconds - Seconds) > Seconds * 0.01)
            {
                throw new InvalidOperationException($"the programme lasts {seconds:F2} s, not about {Seconds} s: operations per invoke would be wrong");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = Seconds)]
    public long Clips22050Hz() => Read(_clips22050);

    [Benchmark(OperationsPerInvoke = Seconds)]
    public long Clips24000Hz() => Read(_clips24000);

    private long Read(string[] clips)
    {
        var audio = new Programme(_units, clips, _options).Audio;
        long total = 0;
        int read;
        while ((read = audio.Read(_buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static SynthesisUnit Unit(int index, int paragraph) =>
        new(index, paragraph, [new ScriptSentence(index, paragraph, "s", "s")]);

    private string[] WriteClips(int sampleRate, int speechMs)
    {
        var paths = new string[_units.Length];
        var random = new SyntheticSpeech.Xorshift((uint)sampleRate);
        for (var i = 0; i < paths.Length; i++)
        {
            var lead = sampleRate * ClipLeadMs / 1000;
            var speech = sampleRate * speechMs / 1000;
            var samples = new float[lead + speech + (sampleRate * ClipTailMs / 1000)];
            SyntheticSpeech.Speak(samples.AsSpan(lead, speech), sampleRate, ref random);
            SyntheticSpeech.Normalize(samples);
            paths[i] = Path.Combine(_folder, $"clip-{sampleRate}-{i:D2}.wav");
            SyntheticSpeech.WriteWav16(paths[i], samples, sampleRate);
        }

        return paths;
    }
}
