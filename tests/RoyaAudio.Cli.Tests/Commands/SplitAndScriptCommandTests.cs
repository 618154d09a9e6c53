using System.Text.Json;

namespace RoyaAudio.Tests.Commands;

public class SplitAndScriptCommandTests
{
    [Fact]
    public async Task Split_prints_one_sentence_per_line()
    {
        var result = await CliProcess.RunWithAsync("Mr. Smith went to Washington. He arrived at 5 p.m. on Monday.\n\nNew paragraph here", null, "split", "--lang", "en");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Mr. Smith went to Washington.", "He arrived at 5 p.m. on Monday.", "New paragraph here"],
            result.Stdout.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Split_json_prints_an_array_of_arabic_sentences()
    {
        var result = await CliProcess.RunWithAsync("ماذا حدث بعد الانتخابات؟ قال د. أحمد إن الوضع مستقر.", null, "split", "--lang", "ar", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["ماذا حدث بعد الانتخابات؟", "قال د. أحمد إن الوضع مستقر."], JsonSerializer.Deserialize<string[]>(result.Stdout)!);
    }

    [Fact]
    public async Task Script_shows_what_the_voice_says_under_a_sentence_it_says_otherwise()
    {
        var result = await CliProcess.RunAsync("script", CliProcess.Sample("roya-putin-iran.json"));
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        var written = Array.FindIndex(lines, line => line.Contains("since the 1979 Iranian Revolution", StringComparison.Ordinal));
        Assert.True(written >= 0, result.Stdout);
        Assert.StartsWith("    spoken: ", lines[written + 1], StringComparison.Ordinal);
        Assert.Contains("since the nineteen seventy-nine Iranian Revolution", lines[written + 1], StringComparison.Ordinal);
        // The title is read as written, so no second line follows it.
        Assert.StartsWith("Putin says Russia remains", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("spoken:", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("roya-putin-iran-page.json")]
    [InlineData("roya-putin-iran-text.json")]
    public async Task Script_of_the_whole_page_reads_the_same_story_as_the_cms_body(string page)
    {
        var cms = await CliProcess.RunAsync("script", CliProcess.Sample("roya-putin-iran.json"));
        var whole = await CliProcess.RunAsync("script", CliProcess.Sample(page));
        Assert.Equal(0, whole.ExitCode);
        foreach (var paragraph in cms.Stdout.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Contains(paragraph.Trim(), whole.Stdout, StringComparison.Ordinal);
        }

        foreach (var furniture in new[] { "gallery", "(left)", "Listen to this story", "0:00", "AI technology", "Published", "Last Updated", "Welcome to Roya" })
        {
            Assert.DoesNotContain(furniture, whole.Stdout, StringComparison.Ordinal);
        }
    }
}
