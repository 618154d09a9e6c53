using System.ClientModel;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace RoyaAudio.SpeechServer.Tests;

/// <summary>The quota mode: N a minute judged over sliding 10 s windows, refused as Azure refuses a deployment over its quota.</summary>
public sealed class QuotaTests
{
    [Theory]
    [InlineData("azure")]
    [InlineData("openai")]
    public async Task Past_a_sixth_of_the_quota_in_ten_seconds_requests_get_429_with_both_waits_and_the_error_body(string protocol)
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { QuotaPerMinute = 60 });
        using var http = Speech.Http();

        // 60 a minute: ten in any 10 s. All twelve at once, well inside one window.
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => http.SendAsync(Speech.Request(protocol, server, Speech.Body("Hi.")))));
        try
        {
            Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.Equal(2, refused.Count);
            foreach (var response in refused)
            {
                var error = await ProtocolTests.ErrorAsync(response, HttpStatusCode.TooManyRequests);
                Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
                Assert.Contains("60 a minute", error.GetProperty("message").GetString(), StringComparison.Ordinal);
                var seconds = response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0;
                var ms = double.Parse(response.Headers.GetValues("retry-after-ms").Single(), CultureInfo.InvariantCulture);
                Assert.InRange(ms, 1, 10_000);
                Assert.Equal(Math.Ceiling(ms / 1000), seconds);
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        Assert.Equal(2, server.Requests.Count(r => (r.Status, r.Fault) == (429, "quota")));
        var e = await Assert.ThrowsAsync<ClientResultException>(() => Speech.Client(protocol, server).SpeakAsync());
        Assert.Equal(429, e.Status);
    }

    [Fact]
    public async Task Refused_and_invalid_requests_do_not_count_and_a_quota_of_zero_admits_everything()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { QuotaPerMinute = 12 });
        using var http = Speech.Http();

        using (var badKey = await http.SendAsync(Speech.Request("openai", server, Speech.Body("Hi."), key: "wrong")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, badKey.StatusCode);
        }

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.SendAsync(Speech.Request("openai", server, Speech.Body("Hi.")));
            statuses.Add((int)response.StatusCode);
        }

        server.Options.QuotaPerMinute = 0;
        using (var free = await http.SendAsync(Speech.Request("openai", server, Speech.Body("Hi."))))
        {
            statuses.Add((int)free.StatusCode);
        }

        Assert.Equal([200, 200, 429, 429, 200], statuses);
    }

    [Fact]
    public void The_window_slides_rather_than_starting_afresh_every_ten_seconds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var quota = new RequestQuota(clock);

        Assert.Null(quota.Admit(60));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.All(Enumerable.Range(0, 9), _ => Assert.Null(quota.Admit(60)));
        Assert.Equal(TimeSpan.FromSeconds(5), quota.Admit(60));
        clock.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.Equal(TimeSpan.FromMilliseconds(1), quota.Admit(60));
        clock.Advance(TimeSpan.FromMilliseconds(1));

        // At 10 s the first request leaves the window: one more fits, the nine from 5 s still count until 15 s.
        Assert.Null(quota.Admit(60));
        Assert.Equal(TimeSpan.FromSeconds(5), quota.Admit(60));
    }

    [Fact]
    public void Below_six_a_minute_one_request_per_its_share_of_the_minute()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var quota = new RequestQuota(clock);

        Assert.Null(quota.Admit(3));
        Assert.Equal(TimeSpan.FromSeconds(20), quota.Admit(3));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(quota.Admit(3));
    }
}
