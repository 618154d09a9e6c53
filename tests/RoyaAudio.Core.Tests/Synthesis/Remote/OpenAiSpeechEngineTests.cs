using System.Diagnostics;
using RoyaAudio.SpeechServer;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Tests.Synthesis.Remote;

/// <summary>The engine's limits and retries, on purpose, against the local speech server over HTTP.</summary>
public sealed class OpenAiSpeechEngineTests : IAsyncLifetime
{
    private const string Key = "engine-key";
    private LocalSpeechServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { ApiKey = Key });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private OpenAiSpeechEngine Azure(Action<RemoteTtsOptions>? change = null)
    {
        // 600 a minute: one request every 106 ms, so the budget stays out of the way of tests about other things.
        var options = new RemoteTtsOptions { Endpoint = _server.BaseAddress.ToString(), Deployment = "tts", RequestTimeoutSeconds = 5, MaxRetries = 6, MaxRetryDelaySeconds = 5, RequestsPerMinute = 600 };
        change?.Invoke(options);
        return OpenAiSpeechEngine.ForAzure(options, Key);
    }

    private static SpeechRequest Request(string text = "The council approved the plan on Monday.") => new(text, "en", "alloy", 1.0);

    [Fact]
    public async Task Pcm_comes_back_at_24_kHz_and_is_used_without_decoding()
    {
        var audio = await Azure().SynthesizeAsync(Request(), CancellationToken.None);
        Assert.Equal(24000, audio.SampleRate);
        Assert.InRange(audio.Duration.TotalSeconds, 1, 6);
        Assert.Equal(1, audio.Attempts);
        Assert.Equal("pcm", Assert.Single(_server.Requests).ResponseFormat);
    }

    [Fact]
    public async Task A_429_is_retried_no_sooner_than_its_Retry_After()
    {
        _server.Options.Faults.RateLimitShare = 1.0;
        _server.Options.Faults.RetryAfterSeconds = 1;
        var engine = Azure();
        var pending = engine.SynthesizeAsync(Request(), CancellationToken.None);
        await WaitUntil(() => _server.Requests.Count >= 1);
        _server.Options.Faults.RateLimitShare = 0;

        var audio = await pending;

        var requests = _server.Requests;
        Assert.Equal("429", requests[0].Fault);
        Assert.Null(requests[^1].Fault);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(1), $"retried after {(requests[1].At - requests[0].At).TotalMilliseconds} ms");
        Assert.Equal(requests.Count, audio.Attempts);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("wrong-content-type")]
    [InlineData("empty")]
    [InlineData("500")]
    public async Task Broken_answers_are_retried_until_real_audio_arrives(string fault)
    {
        var faults = _server.Options.Faults;
        switch (fault)
        {
            case "truncated": faults.TruncatedShare = 1; break;
            case "wrong-content-type": faults.WrongContentTypeShare = 1; break;
            case "empty": faults.EmptyAudioShare = 1; break;
            default: faults.ServerErrorShare = 1; break;
        }

        var pending = Azure().SynthesizeAsync(Request(), CancellationToken.None);
        await WaitUntil(() => _server.Requests.Count >= 2);
        (faults.TruncatedShare, faults.WrongContentTypeShare, faults.EmptyAudioShare, faults.ServerErrorShare) = (0, 0, 0, 0);

        var audio = await pending;
        Assert.InRange(audio.Duration.TotalSeconds, 1, 6);
        Assert.All(_server.Requests.SkipLast(1), r => Assert.NotNull(r.Fault));
    }

    [Fact]
    public async Task A_stall_is_cut_off_by_the_request_timeout_and_retried()
    {
        _server.Options.Faults.StallShare = 1;
        _server.Options.Faults.StallSeconds = 30;
        var clock = Stopwatch.StartNew();
        var pending = Azure(o => o.RequestTimeoutSeconds = 1).SynthesizeAsync(Request(), CancellationToken.None);
        await WaitUntil(() => _server.Requests.Count >= 1);
        _server.Options.Faults.StallShare = 0;

        var audio = await pending;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.True(audio.Attempts >= 2);
    }

    [Fact]
    public void Azure_with_Entra_ID_needs_no_key_and_without_it_names_the_variable_to_set()
    {
        var options = new RemoteTtsOptions { Endpoint = "https://newsroom.openai.azure.com/", Deployment = "tts", UseEntraId = true };
        Assert.Equal(OpenAiSpeechEngine.AzureName, OpenAiSpeechEngine.ForAzure(options, apiKey: null).Name);

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY")))
        {
            var error = Assert.Throws<RoyaAudio.Setup.MissingDependencyException>(
                () => OpenAiSpeechEngine.ForAzure(new RemoteTtsOptions { Endpoint = options.Endpoint, Deployment = "tts" }, apiKey: null));
            Assert.Contains("AZURE_OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Other_4xx_fail_at_once_with_the_services_message()
    {
        var error = await Assert.ThrowsAsync<SpeechServiceException>(
            () => Azure().SynthesizeAsync(Request() with { Voice = "robot" }, CancellationToken.None));
        Assert.Equal(400, error.Status);
        Assert.Contains("robot", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Retries_give_up_after_the_configured_number()
    {
        _server.Options.Faults.ServerErrorShare = 1;
        await Assert.ThrowsAnyAsync<Exception>(() => Azure(o => o.MaxRetries = 2).SynthesizeAsync(Request(), CancellationToken.None));
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task During_an_outage_the_circuit_opens_and_only_probes_reach_the_service_until_it_answers()
    {
        _server.Options.Faults.Outage = true;
        var engine = Azure(o => { o.MaxRetries = 20; o.MaxRetryDelaySeconds = 1; });
        using var outage = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var units = Enumerable.Range(0, 4).Select(i => engine.SynthesizeAsync(Request($"Item {i} of the bulletin."), outage.Token)).ToList();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(units));

        // Four units retrying every second for 8 s would send some 30 requests; the breaker opens after 8
        // outage answers and then lets one probe through per break (5 s, then 10 s).
        Assert.InRange(engine.Circuit.Openings, 1, 2); // opened, and opened again if a probe failed
        Assert.NotEqual(Polly.CircuitBreaker.CircuitState.Closed, engine.Circuit.State);
        var sent = _server.Requests.Count;
        Assert.InRange(sent, 8, 10);

        _server.Options.Faults.Outage = false;
        var audio = await engine.SynthesizeAsync(Request("The service is back."), CancellationToken.None);
        Assert.Equal(24000, audio.SampleRate);
        Assert.Equal(sent + 1, _server.Requests.Count);
        Assert.Equal(Polly.CircuitBreaker.CircuitState.Closed, engine.Circuit.State);
    }

    [Fact]
    public async Task An_open_circuit_that_outlasts_the_retries_fails_the_unit_saying_the_service_is_down()
    {
        _server.Options.Faults.Outage = true;
        var engine = Azure(o => { o.MaxRetries = 8; o.MaxRetryDelaySeconds = 1; });
        var error = await Assert.ThrowsAsync<SpeechServiceUnavailableException>(() => engine.SynthesizeAsync(Request(), CancellationToken.None));
        Assert.Contains("azure-openai is down", error.Message, StringComparison.Ordinal);
        Assert.Contains("next probe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_erratic_service_never_trips_the_circuit()
    {
        // Four answers in ten a 500 or 503: failing, but not down. (A 429 is busy, not down: it never counts.)
        _server.Options.Faults.ServerErrorShare = 0.4;
        var engine = Azure(o => { o.MaxRetries = 20; o.MaxRetryDelaySeconds = 1; });
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => engine.SynthesizeAsync(Request($"Item {i} of the bulletin."), CancellationToken.None)));
        Assert.True(_server.Requests.Count > 12, $"{_server.Requests.Count} requests: too few faults drawn to test anything");
        Assert.Equal(0, engine.Circuit.Openings);
    }

    [Fact]
    public async Task The_requests_per_minute_budget_spaces_requests_evenly_with_no_burst()
    {
        // 600 a minute under the 5 % headroom: one every 106 ms, twelve at once spread over 1.2 s.
        var engine = Azure(o => o.RequestsPerMinute = 600);
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => engine.SynthesizeAsync(Request($"Short item {i}."), CancellationToken.None)));

        var starts = _server.Requests.Select(r => r.At).Order().ToList();
        Assert.True(starts[11] - starts[0] >= TimeSpan.FromMilliseconds(11 * 100), $"12 requests in {starts[11] - starts[0]}");
        // No burst: any four in a row are paced over 318 ms; a burst brings them within a few. Arrival times carry the
        // machine's scheduling delays (one late request lands close to the next on a loaded machine), so the bound is
        // half the paced span rather than a minimum gap between two.
        var spans = Enumerable.Range(0, starts.Count - 3).Select(i => (starts[i + 3] - starts[i]).TotalMilliseconds).ToList();
        Assert.True(spans.All(s => s >= 150), $"four requests in a row within {string.Join(", ", spans.Select(s => s.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} ms");
    }

    [Fact]
    public async Task Characters_per_minute_holds_the_next_request_by_the_length_of_the_last()
    {
        // 6,000 characters a minute: a request of 38 characters holds the next one 400 ms.
        var engine = Azure(o => { o.RequestsPerMinute = 6000; o.CharactersPerMinute = 6000; });
        var text = "The council approved the plan at noon."; // 38 characters
        Assert.Equal(38, text.Length);
        await engine.SynthesizeAsync(Request(text), CancellationToken.None);
        await engine.SynthesizeAsync(Request(text), CancellationToken.None);

        var requests = _server.Requests;
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(380), $"second request after {(requests[1].At - requests[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Concurrency_is_capped_by_the_synthesizer()
    {
        _server.Options.AddedLatencyMs = 400;
        var engine = Azure(o => o.MaxConcurrency = 2);
        var cache = new UnitCache(Directory.CreateTempSubdirectory("roya-remote-cache-").FullName);
        var script = RoyaAudio.Text.SpeechScriptBuilder.Build(
            new RoyaAudio.Articles.Article { Id = "c", Language = "en", Title = "Title", Body = string.Join('\n', Enumerable.Range(0, 6).Select(i => $"<p>Paragraph {i} is short.</p>")) },
            RoyaAudio.Text.PronunciationLexicon.Empty);
        var units = UnitPlanner.Plan(script, engine.Packing);
        var clock = Stopwatch.StartNew();
        await new UnitSynthesizer(engine, cache).SynthesizeAsync(units, "en", new VoiceChoice(engine.Name, engine.Model, "alloy", 1.0), null, CancellationToken.None);

        // 7 units, the first alone then two at a time, each answer held 400 ms: at least 4 rounds.
        Assert.Equal(7, _server.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(1600), $"7 units in {clock.Elapsed}");
        Directory.Delete(cache.Directory, recursive: true);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "timed out waiting");
            await Task.Delay(10);
        }
    }
}
