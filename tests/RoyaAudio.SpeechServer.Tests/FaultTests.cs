using System.ClientModel;
using System.Diagnostics;
using System.Net;

namespace RoyaAudio.SpeechServer.Tests;

/// <summary>Each fault at a share of 1 happens every time, is logged, and reaches the real clients as a real service's would.</summary>
public sealed class FaultTests
{
    [Theory]
    [InlineData("azure")]
    [InlineData("openai")]
    public async Task Rate_limit_answers_429_with_retry_after(string protocol)
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { Faults = { RateLimitShare = 1, RetryAfterSeconds = 7 } });
        using var http = Speech.Http();

        using var response = await http.SendAsync(Speech.Request(protocol, server, Speech.Body()));
        var e = await Assert.ThrowsAsync<ClientResultException>(() => Speech.Client(protocol, server).SpeakAsync());

        var error = await ProtocolTests.ErrorAsync(response, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal(429, e.Status);
        Assert.Equal("7", e.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var retryAfter) == true ? retryAfter : null);
        Assert.All(server.Requests, r => Assert.Equal((429, "429"), (r.Status, r.Fault)));
    }

    [Fact]
    public async Task Server_errors_are_500_or_503_with_an_error_body()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { Faults = { ServerErrorShare = 1 } });
        using var http = Speech.Http();

        var statuses = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await http.SendAsync(Speech.Request(Speech.Protocols[i % 2], server, Speech.Body()));
            var error = await ProtocolTests.ErrorAsync(response, response.StatusCode);
            Assert.Equal("server_error", error.GetProperty("type").GetString());
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([500, 503], statuses.Distinct().Order());
        Assert.Equal(statuses, server.Requests.Select(r => r.Status));
        Assert.Equal(statuses.Select(s => s.ToString()), server.Requests.Select(r => r.Fault));
    }

    [Fact]
    public async Task A_stall_outlasts_a_short_timeout_and_then_answers_a_patient_client()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { Faults = { StallShare = 1, StallSeconds = 2 } });
        using var impatient = Speech.Http(TimeSpan.FromMilliseconds(500));
        using var patient = Speech.Http(TimeSpan.FromSeconds(10));

        var clock = Stopwatch.StartNew();
        var timeout = await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.SendAsync(Speech.Request("azure", server, Speech.Body())));
        Assert.IsType<TimeoutException>(timeout.InnerException);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"the timeout took {clock.Elapsed}");

        clock.Restart();
        using var response = await patient.SendAsync(Speech.Request("openai", server, Speech.Body()));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"answered after {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ProtocolTests.AssertSpeech(await response.Content.ReadAsByteArrayAsync());
        var records = server.Requests;
        Assert.Equal([(499, "stall"), (200, "stall")], records.Select(r => (r.Status, r.Fault)));
    }

    [Theory]
    [InlineData("azure")]
    [InlineData("openai")]
    public async Task A_stall_surfaces_in_the_sdk_as_a_timeout(string protocol)
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { Faults = { StallShare = 1, StallSeconds = 2 } });

        var e = await Assert.ThrowsAsync<TaskCanceledException>(
            () => Speech.Client(protocol, server, networkTimeout: TimeSpan.FromMilliseconds(500)).SpeakAsync());

        Assert.Contains("exceeded the configured timeout", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_declares_the_whole_length_sends_half_and_closes()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { Faults = { TruncatedShare = 1 } });
        using var http = Speech.Http();

        using var response = await http.SendAsync(Speech.Request("openai", server, Speech.Body()), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var declared = response.Content.Headers.ContentLength;
        var body = await response.Content.ReadAsStreamAsync();
        var received = 0;
        var buffer = new byte[4096];
        var e = await Assert.ThrowsAsync<HttpIOException>(async () =>
        {
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                received += read;
            }
        });

        Assert.Equal(HttpRequestError.ResponseEnded, e.HttpRequestError);
        Assert.True(declared > 2 * 24000, $"declared {declared} bytes");
        Assert.Equal(declared / 2, received);
        Assert.Equal((200, "truncated"), (server.Requests[0].Status, server.Requests[0].Fault));
    }

    [Theory]
    [InlineData("azure")]
    [InlineData("openai")]
    public async Task Truncated_makes_the_sdk_throw(string protocol)
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { Faults = { TruncatedShare = 1 } });

        // The SDK buffers the body after its pipeline has run, so the transport's exception reaches the caller unwrapped.
        var e = await Assert.ThrowsAsync<HttpIOException>(() => Speech.Client(protocol, server).SpeakAsync());

        Assert.Equal(HttpRequestError.ResponseEnded, e.HttpRequestError);
    }

    [Fact]
    public async Task Wrong_content_type_is_a_200_web_page_that_the_sdk_returns_as_audio()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        server.Options.Faults.WrongContentTypeShare = 1;
        using var http = Speech.Http();

        using var response = await http.SendAsync(Speech.Request("azure", server, Speech.Body()));
        var sdk = await Speech.Azure(server).SpeakAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The client does not look at the content type: checking it is the caller's job.
        Assert.StartsWith("<!DOCTYPE html>", sdk.Value.ToString(), StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.Equal((200, "wrong-content-type"), (r.Status, r.Fault)));
    }

    [Fact]
    public async Task Empty_is_a_200_with_the_audio_type_and_no_body()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { Faults = { EmptyAudioShare = 1 } });
        using var http = Speech.Http();

        using var response = await http.SendAsync(Speech.Request("openai", server, Speech.Body(format: "wav")));
        var sdk = await Speech.OpenAi(server).SpeakAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.True(sdk.Value.IsEmpty);
        Assert.All(server.Requests, r => Assert.Equal((200, "empty"), (r.Status, r.Fault)));
    }

    [Fact]
    public async Task An_outage_switched_on_and_off_at_run_time()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());

        await Speech.Azure(server).SpeakAsync();
        server.Options.Faults.Outage = true;
        var azure = await Assert.ThrowsAsync<ClientResultException>(() => Speech.Azure(server).SpeakAsync());
        var openAi = await Assert.ThrowsAsync<ClientResultException>(() => Speech.OpenAi(server).SpeakAsync());
        server.Options.Faults.Outage = false;
        await Speech.OpenAi(server).SpeakAsync();

        Assert.Equal((503, 503), (azure.Status, openAi.Status));
        Assert.Equal([(200, null), (503, "outage"), (503, "outage"), (200, null)], server.Requests.Select(r => (r.Status, r.Fault)));
    }

    [Fact]
    public async Task The_same_seed_replays_the_same_faults()
    {
        var first = await FaultSequenceAsync(seed: 7);
        var again = await FaultSequenceAsync(seed: 7);
        var other = await FaultSequenceAsync(seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        // A share of 0.15 for each of five faults: clean answers, 429, 500, 503, truncated, wrong content type and empty all occur.
        Assert.Equal(7, first.Distinct().Count());
    }

    [Fact]
    public async Task Added_latency_delays_every_successful_answer()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        var client = Speech.OpenAi(server);
        await client.SpeakAsync();

        // Only a lower bound: a busy machine may make any answer slower, never an added latency shorter.
        server.Options.AddedLatencyMs = 400;
        var clock = Stopwatch.StartNew();
        await client.SpeakAsync();

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(400), $"{clock.Elapsed} with 400 ms of added latency");
    }

    [Fact]
    public async Task Stopping_does_not_wait_for_a_stalled_request()
    {
        var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { Faults = { StallShare = 1, StallSeconds = 60 } });
        using var http = Speech.Http();
        var pending = http.SendAsync(Speech.Request("azure", server, Speech.Body()));
        // Give the request time to reach its stall: an unanswered request is not in the log yet, so there is nothing to poll.
        await Task.Delay(200);
        Assert.False(pending.IsCompleted);

        var clock = Stopwatch.StartNew();
        await server.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {clock.Elapsed}");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => pending);
        Assert.Equal((499, "stall"), (server.Requests[0].Status, server.Requests[0].Fault));
    }

    private static async Task<List<string?>> FaultSequenceAsync(int seed)
    {
        var faults = new FaultOptions
        {
            Seed = seed,
            RateLimitShare = 0.15,
            ServerErrorShare = 0.15,
            TruncatedShare = 0.15,
            WrongContentTypeShare = 0.15,
            EmptyAudioShare = 0.15,
        };
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { Faults = faults });
        using var http = Speech.Http();
        for (var i = 0; i < 40; i++)
        {
            try
            {
                using var response = await http.SendAsync(Speech.Request("openai", server, Speech.Body("Hi.")));
                await response.Content.ReadAsByteArrayAsync();
            }
            catch (HttpRequestException)
            {
                // a truncated answer
            }
        }

        return [.. server.Requests.Select(r => r.Fault)];
    }
}
