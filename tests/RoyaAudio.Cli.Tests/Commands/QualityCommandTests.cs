using System.Text.Json;

namespace RoyaAudio.Tests.Commands;

/// <summary>The quality report on every sample rendition: our decoder and meter, checked against ffmpeg, and the bounds.</summary>
public sealed class QualityCommandTests(RenderedSamples samples) : IClassFixture<RenderedSamples>
{
    public static TheoryData<string> Samples => new() { "roya-putin-iran", "roya-amman-weather-ar" };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Every_sample_rendition_meets_the_bounds_and_our_meter_agrees_with_ffmpeg(string sample)
    {
        var result = await CliProcess.RunAsync("quality", samples.ByName[sample].Mp3, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonDocument.Parse(result.Stdout).RootElement;

        Assert.Empty(report.GetProperty("problems").EnumerateArray());
        Assert.InRange(report.GetProperty("integratedLufs").GetDouble(), -17, -15);
        Assert.True(report.GetProperty("truePeakDbtp").GetDouble() <= -1);
        Assert.InRange(report.GetProperty("integratedLufs").GetDouble() - report.GetProperty("ffmpegLufs").GetDouble(), -0.3, 0.3);
        Assert.InRange(report.GetProperty("truePeakDbtp").GetDouble() - report.GetProperty("ffmpegTruePeakDbtp").GetDouble(), -0.3, 0.3);
        Assert.InRange(report.GetProperty("durationErrorMs").GetDouble(), -50, 50);
        Assert.True(report.GetProperty("maxTimingErrorMs").GetDouble() <= 100);
        Assert.InRange(report.GetProperty("bitrateKbps").GetDouble(), 60, 70);

        // Our decode of the duration agrees with ffmpeg's, independently of the manifest.
        Assert.InRange(report.GetProperty("durationSeconds").GetDouble() - AudioProbe.DecodedSeconds(samples.ByName[sample].Mp3), -0.03, 0.03);
    }

    [Fact]
    public async Task A_rendition_mastered_too_quiet_is_reported_with_exit_3()
    {
        var directory = Path.Combine(samples.Directory, "quiet");
        var render = await CliProcess.RunWithAsync(string.Empty, new Dictionary<string, string> { ["ROYA_Audio__TargetLufs"] = "-24" },
            "render", CliProcess.Sample("roya-putin-iran.json"), "--out", directory, "--cache", samples.Cache);
        Assert.True(render.ExitCode == 0, render.ToString());

        var result = await CliProcess.RunAsync("quality", render.LastLine);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("PROBLEM: loudness", result.Stdout, StringComparison.Ordinal);
    }
}
