using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RoyaAudio.Server.Hosting;
using RoyaAudio.Server.Player;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Player;

/// <summary>The warning for sites that are not allowed: once an hour per origin, and bounded under a flood.</summary>
public sealed class RefusedOriginsTests
{
    private sealed class Clock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static (RefusedOrigins Refused, CapturedLogs Logs, Clock Clock) Make()
    {
        var logs = new CapturedLogs();
        var clock = new Clock(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var player = Options.Create(new PlayerOptions { AllowedOrigins = ["https://www.example.org"] });
        var refused = new RefusedOrigins(player, new PublicAddress(Options.Create(new ServiceOptions())), clock, new LoggerFactory([logs]).CreateLogger<RefusedOrigins>());
        return (refused, logs, clock);
    }

    private static HttpRequest From(string origin)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("audio.example.org");
        http.Request.Path = "/api/articles/a/audio";
        if (origin.Length > 0)
        {
            http.Request.Headers.Origin = origin;
        }

        return http.Request;
    }

    [Fact]
    public void A_refused_origin_is_named_with_the_setting_once_an_hour_and_allowed_ones_and_the_service_itself_never()
    {
        var (refused, logs, clock) = Make();
        for (var i = 0; i < 50; i++)
        {
            refused.Notice(From("https://blog.example.net"));
            refused.Notice(From("https://www.example.org"));
            refused.Notice(From("https://audio.example.org"));
            refused.Notice(From(""));
        }

        var line = Assert.Single(logs.Lines);
        Assert.StartsWith("Warning", line, StringComparison.Ordinal);
        Assert.Contains("https://blog.example.net", line, StringComparison.Ordinal);
        Assert.Contains("Player:AllowedOrigins", line, StringComparison.Ordinal);

        clock.Now += TimeSpan.FromMinutes(59);
        refused.Notice(From("https://blog.example.net"));
        Assert.Single(logs.Lines);
        clock.Now += TimeSpan.FromMinutes(2);
        refused.Notice(From("https://blog.example.net"));
        Assert.Equal(2, logs.Lines.Count);
    }

    [Fact]
    public void A_flood_of_made_up_origins_names_a_bounded_number_then_says_once_that_more_went_unnamed()
    {
        var (refused, logs, _) = Make();
        for (var i = 0; i < RefusedOrigins.MaxOrigins * 5; i++)
        {
            refused.Notice(From($"https://x{i}.example.net"));
        }

        Assert.Equal(RefusedOrigins.MaxOrigins + 1, logs.Lines.Count);
        Assert.Single(logs.Lines, l => l.Contains("go unnamed", StringComparison.Ordinal));
    }
}
