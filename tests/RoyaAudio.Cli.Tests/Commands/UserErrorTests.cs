namespace RoyaAudio.Tests.Commands;

/// <summary>Bad input exits 2 with one clear line on stderr and never a stack trace.</summary>
public sealed class UserErrorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("roya-errors-").FullName;

    public static TheoryData<string, string> BadArticles => new()
    {
        { "{ not json", "not valid JSON" },
        { """{"id":"a","language":"fr","title":"T","body":"Text."}""", "unknown language 'fr'" },
        { """{"id":"a","language":"en","title":"T","body":""}""", "no readable sentences" },
        { """{"id":"a","language":"en","title":"T","body":"<figure><figcaption>caption</figcaption></figure>"}""", "no readable sentences" },
        { """{"id":"a","language":"en","title":"T"}""", "missing the field 'body'" },
        { """{"id":"../../x","language":"en","title":"T","body":"Text."}""", "is not allowed" },
    };

    [Theory]
    [MemberData(nameof(BadArticles))]
    public async Task Render_rejects_bad_articles_with_exit_2_and_one_line(string json, string message)
    {
        var path = Path.Combine(_directory, "article.json");
        await File.WriteAllTextAsync(path, json);
        var result = await CliProcess.RunAsync("render", path, "--out", Path.Combine(_directory, "out"), "--cache", Path.Combine(_directory, "cache"));
        AssertUserError(result, message);
        Assert.False(Directory.Exists(Path.Combine(_directory, "out")) && Directory.EnumerateFiles(Path.Combine(_directory, "out")).Any());
    }

    [Theory]
    [InlineData("alloy")] // a remote service's voice: espeak-ng segfaults on it
    [InlineData("en-uk")] // an MBROLA voice, which needs a program that is not installed
    [InlineData("ar")] // an Arabic voice for an English article
    public async Task A_voice_that_cannot_read_the_article_exits_2_naming_the_choices(string voice)
    {
        var result = await CliProcess.RunAsync("render", CliProcess.Sample("roya-putin-iran.json"), "--voice", voice,
            "--out", Path.Combine(_directory, "out"), "--cache", Path.Combine(_directory, "cache"));
        AssertUserError(result, $"'{voice}' is not an espeak voice for en: choose one of en-us, en-gb");
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var result = await CliProcess.RunAsync("render", Path.Combine(_directory, "nope.json"));
        AssertUserError(result, "article file not found");
    }

    [Fact]
    public async Task Missing_espeak_names_the_install_command()
    {
        var result = await CliProcess.RunWithAsync(string.Empty,
            new Dictionary<string, string> { ["ROYA_Tts__Espeak__Executable"] = "/nonexistent/espeak-ng" },
            "render", CliProcess.Sample("roya-putin-iran.json"), "--out", Path.Combine(_directory, "out"), "--cache", Path.Combine(_directory, "cache"));
        AssertUserError(result, "apt-get install -y espeak-ng");
    }

    [Fact]
    public async Task Invalid_audio_settings_say_what_to_fix()
    {
        var result = await CliProcess.RunWithAsync(string.Empty, new Dictionary<string, string> { ["ROYA_Audio__BitrateKbps"] = "65" },
            "render", CliProcess.Sample("roya-putin-iran.json"), "--out", Path.Combine(_directory, "out"));
        AssertUserError(result, "Audio:BitrateKbps must be an MP3 bitrate");
    }

    [Fact]
    public async Task Split_rejects_an_unknown_language()
    {
        var result = await CliProcess.RunWithAsync("Hello.", null, "split", "--lang", "xx");
        AssertUserError(result, "unknown language 'xx'");
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var result = await CliProcess.RunAsync("render", "--no-such-option");
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    private static void AssertUserError(CliResult result, string message)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        // Progress lines may come first; the error is one line, and the last.
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, line => line.StartsWith("roya-audio:", StringComparison.Ordinal));
        Assert.StartsWith("roya-audio:", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
