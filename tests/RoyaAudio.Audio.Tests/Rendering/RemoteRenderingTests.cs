using RoyaAudio.Articles;
using RoyaAudio.Stitching;
using RoyaAudio.Rendering;
using RoyaAudio.SpeechServer;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;
using RoyaAudio.Text;
using Xunit.Abstractions;

namespace RoyaAudio.Tests.Rendering;

/// <summary>Whole renders through the real Azure OpenAI client against the local speech server, faults and all.</summary>
public sealed class RemoteRenderingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Key = "test-key";
    private readonly string _directory = Directory.CreateTempSubdirectory("roya-remote-").FullName;
    private LocalSpeechServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { ApiKey = Key });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private RemoteTtsOptions Options(int timeoutSeconds = 10) => new()
    {
        Endpoint = _server.BaseAddress.ToString(),
        Deployment = "tts",
        Model = "gpt-4o-mini-tts",
        MaxCharacters = 400,
        MaxConcurrency = 4,
        RequestsPerMinute = 6000,
        RequestTimeoutSeconds = timeoutSeconds,
        MaxRetries = 8,
        MaxRetryDelaySeconds = 5,
    };

    private RenditionRenderer Renderer(RemoteTtsOptions options, string cache) => new(
        OpenAiSpeechEngine.ForAzure(options, Key), new UnitCache(cache), new AudioOptions(), new PublicationOptions(), TimeProvider.System);

    private static Article NewsArticle(int n, int paragraphs = 3) => new()
    {
        Id = $"article-{n}",
        Language = "en",
        Title = $"Council meeting number {n} approves the water plan",
        Body = string.Join('\n', Enumerable.Range(0, paragraphs).Select(p =>
            $"<p>In paragraph {p} of story {n}, officials said the plan would reach {n * 100 + p} homes. " +
            $"They expect work to start within {p + 2} weeks. Residents welcomed the news.</p>")),
    };

    [Fact]
    public async Task Twenty_articles_render_correctly_through_429s_500s_and_stalls_and_no_unit_is_bought_twice()
    {
        var cache = Path.Combine(_directory, "cache");
        var faults = _server.Options.Faults;
        faults.RateLimitShare = 0.30;
        faults.RetryAfterSeconds = 1;
        faults.ServerErrorShare = 0.10;
        faults.StallShare = 0.05;
        faults.StallSeconds = 8;
        // Long enough for an honest answer on a busy 2-core machine, short enough that a stall is a stall.
        var renderer = Renderer(Options(timeoutSeconds: 4), cache);

        // Rendered side by side, as workers would, sharing one engine and so one request budget.
        var articles = Enumerable.Range(0, 20).Select(n => NewsArticle(n)).ToList();
        var units = articles.Sum(a => UnitPlanner.Plan(SpeechScriptBuilder.Build(a, PronunciationLexicon.Empty), new UnitPacking(true, 400)).Count);
        var manifests = new System.Collections.Concurrent.ConcurrentBag<RenditionManifest>();
        await Parallel.ForEachAsync(articles, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (article, token) =>
            manifests.Add((await renderer.RenderAsync(article, PronunciationLexicon.Empty, Path.Combine(_directory, "out"), null, null, token)).Manifest));
        Assert.All(manifests, m =>
        {
            Assert.InRange(m.LoudnessLufs, -17, -15);
            Assert.Equal(10, m.Sentences.Count);
            Assert.True(m.Sentences.Zip(m.Sentences.Skip(1)).All(p => p.First.EndMs < p.Second.StartMs));
        });

        var requests = _server.Requests;
        var faulted = requests.Count(r => r.Fault is not null);
        output.WriteLine($"{units} units, {requests.Count} requests ({requests.Count / (double)units:F2}x), {faulted} faulted: " +
            string.Join(", ", requests.Where(r => r.Fault is not null).GroupBy(r => r.Fault).Select(g => $"{g.Key} {g.Count()}")));

        // Every unit succeeded exactly once: the cache means no success is ever asked for again.
        var successes = requests.Where(r => r.Status == 200 && r.Fault is null).GroupBy(r => r.Input).ToList();
        Assert.Equal(units, successes.Count);
        Assert.All(successes, g => Assert.Single(g));
        Assert.Equal(requests.Count, manifests.Sum(m => m.Requests));
        Assert.Equal(requests.Count - units, manifests.Sum(m => m.Retries));

        // With 45% of requests failing independently, a client needs 1/(1-0.45) = 1.82 requests a unit on average.
        Assert.True(requests.Count <= 2.2 * units, $"{requests.Count} requests for {units} units");
    }

    [Fact]
    public async Task An_edit_to_one_paragraph_of_twenty_sends_only_that_paragraphs_units()
    {
        var cache = Path.Combine(_directory, "cache");
        var renderer = Renderer(Options(), cache);
        var article = NewsArticle(7, paragraphs: 20);
        await renderer.RenderAsync(article, PronunciationLexicon.Empty, Path.Combine(_directory, "out"), null, null, CancellationToken.None);
        _server.ClearRequests();

        var edited = article with { Body = article.Body.Replace("In paragraph 12 of story 7", "In paragraph 12 of the edited story 7", StringComparison.Ordinal) };
        var files = await renderer.RenderAsync(edited, PronunciationLexicon.Empty, Path.Combine(_directory, "out"), null, null, CancellationToken.None);

        var sent = Assert.Single(_server.Requests);
        // The voice is sent the spoken form, numbers in words.
        Assert.Contains("edited story seven", sent.Input, StringComparison.Ordinal);
        Assert.Equal(1, files.Manifest.Requests);
        Assert.Equal(files.Manifest.Units - 1, files.Manifest.CacheHits);
    }

    [Fact]
    public async Task A_bad_voice_fails_the_render_after_one_request_with_the_services_words()
    {
        var renderer = Renderer(Options(), Path.Combine(_directory, "cache"));
        var error = await Assert.ThrowsAsync<SpeechServiceException>(() => renderer.RenderAsync(
            NewsArticle(1), PronunciationLexicon.Empty, Path.Combine(_directory, "out"), "no-such-voice", null, CancellationToken.None));

        Assert.Equal(400, error.Status);
        Assert.Contains("voice", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(_server.Requests, r => r.Voice == "no-such-voice");
        Assert.False(File.Exists(Path.Combine(_directory, "out", "article-1.mp3")));
    }
}
