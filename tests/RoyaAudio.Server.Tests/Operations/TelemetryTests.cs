using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using RoyaAudio.Server.Tests.Support;
using RoyaAudio.SpeechServer;
using Xunit.Abstractions;
using System.Text;

namespace RoyaAudio.Server.Tests.Operations;

/// <summary>
/// One article published through the signed webhook and rendered by the remote engine (the local speech
/// server, failing some requests on purpose): <c>/metrics</c> moves by what the speech server and the
/// renditions table say happened, and the webhook call, the render job and its speech requests and storage
/// writes reach an OTLP collector as one trace.
/// </summary>
[Collection(ServiceTests.Name)]
public sealed partial class TelemetryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string SpeechKey = "telemetry-test-speech-key";
    private const string ArticleId = "telemetry-story";
    private readonly TestPostgres _database = new();
    private string? _previousKey;
    private LocalSpeechServer _speech = null!;
    private OtlpReceiver _otlp = null!;
    private TestService _service = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _speech = await LocalSpeechServer.StartAsync(new SpeechServerOptions
        {
            ApiKey = SpeechKey,
            Faults = new FaultOptions { ServerErrorShare = 0.25, Seed = 7 },
        });
        _otlp = await OtlpReceiver.StartAsync();
        // The remote engine takes its key from the environment only; put back as it was afterwards.
        _previousKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", SpeechKey);
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Tts:Provider"] = "openai",
            ["Tts:OpenAI:Endpoint"] = new Uri(_speech.BaseAddress, "v1").ToString(),
            ["Tts:OpenAI:Model"] = "gpt-4o-mini-tts",
            ["Tts:OpenAI:MaxConcurrency"] = "2",
            ["Tts:OpenAI:RequestsPerMinute"] = "100000",
            ["Tts:OpenAI:RequestTimeoutSeconds"] = "20",
            ["Tts:OpenAI:MaxRetryDelaySeconds"] = "1",
            // The standard OpenTelemetry settings, for this host only (never the process environment).
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _otlp.BaseAddress.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        });
        _http = _service.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", _previousKey);
        await _otlp.DisposeAsync();
        await _speech.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task One_render_moves_the_counters_by_what_happened_and_is_one_trace_from_webhook_to_storage()
    {
        var cms = new Cms(_http);
        using (var forged = await cms.PublishAsync(Encoding.UTF8.GetBytes(Cms.Article(ArticleId, "Forged").ToJsonString()), signature: "sha256=00"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        (await cms.PublishAsync(Cms.Article(ArticleId, "Council approves the water plan", paragraphs: 3))).EnsureSuccessStatusCode();
        await cms.WaitForAsync(ArticleId, "ready", TimeSpan.FromSeconds(90));
        (await _http.GetAsync("/healthz/ready")).EnsureSuccessStatusCode();
        await Listening.Beacons.CountAsync(_http, ArticleId, "play", 1, Listening.Beacons.Beacon);

        var metrics = await ScrapeUntilAsync(m => m.Sum("roya_renders_total", ("status", "ready")) >= 1 && m.Sum("roya_plays_total") >= 1 && m.Has("roya_queue_depth"));
        var row = (await _database.RowsAsync($"SELECT characters, duration_ms FROM renditions WHERE article_id='{ArticleId}' AND status='ready'")).Single();
        var characters = Convert.ToInt64(row[0], CultureInfo.InvariantCulture);
        var durationMs = Convert.ToInt64(row[1], CultureInfo.InvariantCulture);
        var requests = _speech.Requests;
        output.WriteLine($"speech server: {requests.Count} requests ({string.Join(", ", requests.GroupBy(r => r.Status).Select(g => $"{g.Count()} × {g.Key}"))}); " +
            $"rendition: {characters} characters, {durationMs} ms");

        Assert.Equal(1, metrics.Sum("roya_renders_total", ("status", "ready"), ("engine", "openai"), ("queue", "publish")));
        Assert.Equal(1, metrics.Sum("roya_renders_total"));
        Assert.Equal(1, metrics.Sum("roya_render_duration_seconds_count", ("status", "ready")));
        Assert.Equal(durationMs / 1000.0, metrics.Sum("roya_audio_seconds_total", ("engine", "openai")), 3);
        Assert.Equal(characters, metrics.Sum("roya_tts_characters_total", ("engine", "openai")));
        // Every request the speech service received is counted once, under the status it answered.
        Assert.Equal(requests.Count, metrics.Sum("roya_tts_requests_total", ("engine", "openai")));
        foreach (var answered in requests.GroupBy(r => r.Status))
        {
            Assert.Equal(answered.Count(), metrics.Sum("roya_tts_requests_total", ("engine", "openai"), ("status", answered.Key.ToString(CultureInfo.InvariantCulture))));
        }

        Assert.Equal(requests.Count, metrics.Sum("roya_tts_duration_seconds_count", ("engine", "openai")));
        Assert.Equal(0, metrics.Sum("roya_tts_cache_hits_total", ("engine", "openai")));
        Assert.Equal(1, metrics.Sum("roya_webhook_requests_total", ("outcome", "accepted")));
        Assert.Equal(1, metrics.Sum("roya_webhook_requests_total", ("outcome", "bad_signature")));
        Assert.Equal(1, metrics.Sum("roya_plays_total"));
        Assert.Equal(0, metrics.Sum("roya_queue_depth", ("queue", "publish")));
        Assert.True(metrics.Has("roya_queue_oldest_age_seconds"), "the queue age gauge is missing");

        // Traces: the webhook call, the job it queued, each speech request and the storage writes share one trace.
        // A span is exported when it ends: the job's comes after its storage writes, perhaps in a later batch.
        var spans = await _otlp.WaitForAsync(s => s.Any(IsWebhook) && s.Any(IsRenderJob), TimeSpan.FromSeconds(30));
        var webhook = spans.Single(IsWebhook);
        var job = spans.Single(IsRenderJob);
        Assert.Equal(webhook.TraceId, job.TraceId);
        Assert.Equal(webhook.SpanId, job.ParentSpanId);
        Assert.Equal(ArticleId, job.Attributes["roya.article.id"]);
        var trace = spans.Where(s => s.TraceId == webhook.TraceId).ToList();
        var speech = trace.Where(s => s.Name == "tts openai").ToList();
        Assert.NotEmpty(speech);
        Assert.Equal(characters, speech.Sum(s => long.Parse(s.Attributes["roya.tts.characters"], CultureInfo.InvariantCulture)));
        Assert.Equal(requests.Count, trace.Count(s => s.Scope == "System.Net.Http" && speech.Any(t => t.SpanId == s.ParentSpanId)));
        Assert.Contains(trace, s => s.Name == "storage put" && s.Attributes["roya.storage.key"].EndsWith(".mp3", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Name == "storage put" && s.Attributes["roya.storage.key"].EndsWith(".vtt", StringComparison.Ordinal));
        // Neither probes nor Hangfire's queue polling (database commands outside any request or job) are exported.
        Assert.DoesNotContain(spans, s => s.Attributes.GetValueOrDefault("url.path", "").StartsWith("/healthz", StringComparison.Ordinal));
        Assert.DoesNotContain(spans, s => s.Scope == "Npgsql" && s.ParentSpanId.Length == 0);
        Assert.Contains(spans, s => s.Scope == "Npgsql" && s.TraceId == webhook.TraceId);
    }

    [Fact]
    public async Task Metrics_are_for_admins_only()
    {
        using (var anonymous = await _http.GetAsync("/metrics"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var editor = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
        {
            editor.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestService.EditorKey);
            using var refused = await _http.SendAsync(editor);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // A collection whose queue query misses its deadline skips the gauges (no answer beats a wrong one): ask again.
        var metrics = await ScrapeUntilAsync(m => m.Has("roya_queue_depth"));
        Assert.True(metrics.Has("roya_queue_depth"), $"the queue gauge is missing:\n{metrics}");
    }

    private static bool IsRenderJob(ReceivedSpan span) => span.Scope == "RoyaAudio" && span.Name == "job RenderJob.RunAsync";

    private static bool IsWebhook(ReceivedSpan span) =>
        span.Scope == "Microsoft.AspNetCore" && span.Attributes.GetValueOrDefault("url.path") == "/api/articles"
        && span.Attributes.GetValueOrDefault("http.request.method") == "POST"
        && span.Attributes.GetValueOrDefault("http.response.status_code") == "202";

    private async Task<Scrape> ScrapeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestService.AdminKey);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// A render's counters move just after its rendition turns ready, and a slow database makes a collection skip
    /// the queue gauges: asks again until the scrape shows what the test waits for.
    /// </summary>
    private async Task<Scrape> ScrapeUntilAsync(Func<Scrape, bool> moved)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var scrape = await ScrapeAsync();
            if (moved(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Prometheus text: <c>name{label="value",…} number</c> per line.</summary>
    private sealed partial class Scrape(string text)
    {
        private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [.. text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => Sample().Match(line))
            .Where(match => match.Success)
            .Select(match => (
                match.Groups["name"].Value,
                Label().Matches(match.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value),
                double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)))];

        public override string ToString() => text;

        public bool Has(string name) => _samples.Any(s => s.Name == name);

        public double Sum(string name, params (string Label, string Value)[] where) =>
            _samples.Where(s => s.Name == name && where.All(w => s.Labels.GetValueOrDefault(w.Label) == w.Value)).Sum(s => s.Value);

        [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
        private static partial Regex Sample();

        [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
        private static partial Regex Label();
    }
}
