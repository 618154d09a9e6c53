using System.Diagnostics;
using System.Globalization;
using RoyaAudio.Articles;
using RoyaAudio.Rendering;
using RoyaAudio.SpeechServer;
using RoyaAudio.Stitching;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;
using RoyaAudio.Synthesis.Verification;
using RoyaAudio.Text;
using Xunit.Abstractions;

namespace RoyaAudio.Tests.Rendering;

/// <summary>
/// Renders through the real Azure OpenAI client against the local speech server, whose voice can drop,
/// repeat or add speech and whose transcription endpoint hears what it really said.
/// </summary>
public sealed class VerifiedRenderingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Key = "test-key";
    private readonly string _directory = Directory.CreateTempSubdirectory("roya-verified-").FullName;
    private LocalSpeechServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { ApiKey = Key });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private RemoteTtsOptions Speech => new()
    {
        Endpoint = _server.BaseAddress.ToString(),
        Deployment = "tts",
        Model = "gpt-4o-mini-tts",
        MaxCharacters = 400,
        MaxConcurrency = 2,
        RequestsPerMinute = 6000,
        RequestTimeoutSeconds = 30,
        MaxRetries = 2,
        MaxRetryDelaySeconds = 2,
    };

    /// <param name="transcribe">With a transcription deployment; without one only the length check runs.</param>
    private RenditionRenderer Renderer(string cache, bool transcribe = true, bool verify = true)
    {
        var speech = Speech;
        var unitCache = new UnitCache(cache);
        var verifier = verify
            ? new UnitVerifier(new SpeakingRates(unitCache.Directory), transcribe ? ServiceTranscriber.ForAzure(speech, "transcribe", Key, 0.003) : null, SpokenWords.Spell)
            : null;
        return new(OpenAiSpeechEngine.ForAzure(speech, Key), unitCache, new AudioOptions(), new PublicationOptions(), TimeProvider.System, verifier);
    }

    /// <summary>A title and three paragraphs of three sentences: three packed units of three sentences after the title's.</summary>
    private static Article Story(string id) => new()
    {
        Id = id,
        Language = "en",
        Title = "The council approves the new water plan for the northern districts",
        Body = string.Join('\n', Enumerable.Range(1, 3).Select(p =>
            $"<p>Officials in district number {Word(p)} said the pipes would reach several thousand homes before the summer. " +
            $"Engineers expect the first work to start within a few weeks of the vote. " +
            $"Residents in the {Word(p)} district welcomed the news at a meeting on the square.</p>")),
    };

    private static string Word(int n) => n switch { 1 => "one", 2 => "two", _ => "three" };

    private Task<RenderedFiles> RenderAsync(RenditionRenderer renderer, Article article) =>
        renderer.RenderAsync(article, PronunciationLexicon.Empty, Path.Combine(_directory, "out-" + Guid.NewGuid().ToString("N")), null, null, CancellationToken.None);

    [Fact]
    public async Task A_unit_answered_once_without_its_last_sentence_is_read_again_and_the_mp3_has_every_sentence()
    {
        var clean = await RenderAsync(Renderer(Path.Combine(_directory, "clean-cache")), Story("clean"));

        _server.Options.Content.DropLastSentence = 1;
        var files = await RenderAsync(Renderer(Path.Combine(_directory, "cache")), Story("dropped"));

        var v = files.Manifest.Verification!;
        output.WriteLine(string.Join("\n", v.Notes));
        Assert.Equal(1, v.Mismatches);
        Assert.Equal(1, v.Resynthesised);
        Assert.Empty(v.Flagged);
        Assert.Equal(4, v.TranscribedUnits);
        Assert.Contains(_server.Requests, r => r.Fault == "dropped-sentence");
        // Measured by a second decoder: the verified render is as long as one whose voice never dropped anything.
        Assert.InRange(Probe(files.Mp3Path), Probe(clean.Mp3Path) - 0.3, Probe(clean.Mp3Path) + 0.3);
    }

    [Fact]
    public async Task Without_verification_the_same_fault_ships_audio_short_of_a_sentence()
    {
        var clean = await RenderAsync(Renderer(Path.Combine(_directory, "clean-cache"), verify: false), Story("clean"));
        _server.Options.Content.DropLastSentence = 1;
        var files = await RenderAsync(Renderer(Path.Combine(_directory, "cache"), verify: false), Story("dropped"));

        Assert.Null(files.Manifest.Verification);
        Assert.True(Probe(files.Mp3Path) < Probe(clean.Mp3Path) - 2, $"{Probe(files.Mp3Path):F1} s against {Probe(clean.Mp3Path):F1} s");
    }

    [Fact]
    public async Task A_voice_that_keeps_dropping_a_sentence_leaves_it_flagged_and_the_render_completes()
    {
        _server.Options.Content.DropLastSentence = 1000;
        var cache = Path.Combine(_directory, "cache");
        var article = Story("always-dropped");
        var files = await RenderAsync(Renderer(cache), article);

        var script = SpeechScriptBuilder.Build(article, PronunciationLexicon.Empty);
        var lastOfEachParagraph = script.Paragraphs.Skip(1).Select(p => p.Sentences[^1].Index).ToArray();
        var v = files.Manifest.Verification!;
        output.WriteLine(string.Join("\n", v.Notes));
        Assert.Equal(3, v.Mismatches);
        Assert.Equal(3, v.Resynthesised);
        Assert.Equal(lastOfEachParagraph, v.Flagged);

        // The units are in the cache now; a render that reuses them still flags what was wrong with them.
        _server.ClearRequests();
        var again = await RenderAsync(Renderer(cache), article);
        Assert.Empty(_server.Requests);
        Assert.Equal(lastOfEachParagraph, again.Manifest.Verification!.Flagged);
        Assert.Equal(0, again.Manifest.Verification.CheckedUnits);
    }

    [Fact]
    public async Task A_repeated_sentence_is_a_mismatch_and_is_read_again()
    {
        _server.Options.Content.RepeatFirstSentence = 1;
        var files = await RenderAsync(Renderer(Path.Combine(_directory, "cache")), Story("repeated"));

        var v = files.Manifest.Verification!;
        output.WriteLine(string.Join("\n", v.Notes));
        Assert.Equal(1, v.Mismatches);
        Assert.Equal(1, v.Resynthesised);
        Assert.Empty(v.Flagged);
        Assert.Contains(v.Notes, n => n.Contains("said again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ten_seconds_of_extra_speech_is_caught_by_transcription_and_by_length_alone()
    {
        _server.Options.Content.ExtraSpeech = 1;
        var heard = await RenderAsync(Renderer(Path.Combine(_directory, "cache")), Story("extra"));
        Assert.Equal(1, heard.Manifest.Verification!.Mismatches);
        Assert.Equal(1, heard.Manifest.Verification.Resynthesised);

        // No transcription: the length check alone, with the voice's pace not yet learnt, still finds it.
        _server.Options.Content.ExtraSpeech = 1;
        var measured = await RenderAsync(Renderer(Path.Combine(_directory, "other-cache"), transcribe: false), Story("extra"));
        var v = measured.Manifest.Verification!;
        output.WriteLine(string.Join("\n", v.Notes));
        Assert.Equal(0, v.TranscribedUnits);
        Assert.Equal(1, v.Mismatches);
        Assert.Equal(1, v.Resynthesised);
        Assert.Contains(v.Notes, n => n.Contains("voice's pace", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_misheard_word_is_not_a_mismatch()
    {
        _server.Options.Content.MisheardWord = 4;
        var files = await RenderAsync(Renderer(Path.Combine(_directory, "cache")), Story("misheard"));

        var v = files.Manifest.Verification!;
        Assert.Equal(4, _server.Requests.Count(r => r.Fault == "misheard-word"));
        Assert.Equal(4, v.TranscribedUnits);
        Assert.Equal(0, v.Mismatches);
        Assert.Equal(0, v.Resynthesised);
    }

    [Fact]
    public async Task With_transcription_down_the_render_goes_on_and_its_units_are_marked_unchecked()
    {
        _server.Options.Content.TranscriptionOutage = true;
        var files = await RenderAsync(Renderer(Path.Combine(_directory, "cache")), Story("outage"));

        var v = files.Manifest.Verification!;
        output.WriteLine(string.Join("\n", v.Notes));
        Assert.Equal(4, v.UncheckedUnits);
        Assert.Equal(0, v.TranscribedUnits);
        Assert.Equal(0, v.Mismatches);
        Assert.Contains(v.Notes, n => n.Contains("unchecked", StringComparison.Ordinal) && n.Contains("503", StringComparison.Ordinal));
        Assert.Equal(10, files.Manifest.Sentences.Count);
    }

    [Fact]
    public async Task Transcription_minutes_are_counted_in_the_cost()
    {
        var files = await RenderAsync(Renderer(Path.Combine(_directory, "cache")), Story("cost"));
        var m = files.Manifest;
        var speech = m.Characters * 12.0 / 1_000_000;
        Assert.True(m.Verification!.TranscribedSeconds > 20, $"{m.Verification.TranscribedSeconds} s transcribed");
        Assert.Equal(Math.Round(speech + m.Verification.TranscribedSeconds / 60 * 0.003, 4), m.EstimatedCostUsd, 4);
    }

    private static double Probe(string path)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true };
        foreach (var arg in new[] { "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return double.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }
}
