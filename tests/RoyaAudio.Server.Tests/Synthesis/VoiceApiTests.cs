using System.Net;
using System.Text.Json;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Synthesis;

/// <summary>The voices an editor can choose: listed per edition and engine, heard before choosing, and nothing else accepted.</summary>
[Collection(ServiceTests.Name)]
public sealed class VoiceApiTests : IAsyncLifetime
{
    private const string SpeechKey = "voice-api-test-key";
    private string? _previousKey;
    private TestService _service = null!;
    private HttpClient _http = null!;
    private EditorCalls _editor = null!;

    public Task InitializeAsync()
    {
        _previousKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", SpeechKey);
        // The remote engine is configured but never called: listing its voices costs nothing.
        _service = new TestService(postgres: null, new Dictionary<string, string?>
        {
            ["Tts:OpenAI:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Tts:OpenAI:Voices:ar"] = "onyx",
            ["Tts:OpenAI:VoiceChoices:ar:0"] = "alloy",
            ["Tts:OpenAI:VoiceChoices:ar:1"] = "onyx",
        });
        _http = _service.CreateClient();
        _editor = new EditorCalls(_http);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", _previousKey);
    }

    private static string[] Names(JsonElement list) => [.. list.GetProperty("voices").EnumerateArray().Select(v => v.GetProperty("name").GetString()!)];

    [Fact]
    public async Task Espeak_lists_the_voices_that_read_each_edition_default_first_and_none_it_cannot_run()
    {
        var english = await _editor.JsonAsync(HttpMethod.Get, "/api/voices?language=en&engine=espeak");
        var names = Names(english);
        Assert.Equal("en-us", english.GetProperty("default").GetString());
        Assert.Equal("en-us", names[0]);
        Assert.Contains("en-gb", names);
        Assert.Contains("en-gb-x-rp", names);
        Assert.DoesNotContain("en-uk", names); // an MBROLA voice: it needs a program that is not installed
        Assert.All(names, n => Assert.StartsWith("en", n, StringComparison.Ordinal));
        Assert.Contains(english.GetProperty("voices").EnumerateArray(), v => v.GetProperty("label").GetString() == "English (Great Britain)");

        var arabic = await _editor.JsonAsync(HttpMethod.Get, "/api/voices?language=ar&engine=espeak");
        Assert.Equal(["ar"], Names(arabic));
    }

    [Fact]
    public async Task A_remote_engine_lists_the_voices_configured_for_the_edition()
    {
        var english = await _editor.JsonAsync(HttpMethod.Get, "/api/voices?language=en&engine=openai");
        Assert.Equal(11, Names(english).Length);
        Assert.Equal("alloy", Names(english)[0]);

        var arabic = await _editor.JsonAsync(HttpMethod.Get, "/api/voices?language=ar&engine=openai");
        Assert.Equal(["onyx", "alloy"], Names(arabic));
    }

    [Fact]
    public async Task A_voice_sample_is_speech_and_the_same_bytes_the_second_time()
    {
        var list = await _editor.JsonAsync(HttpMethod.Get, "/api/voices?language=en&engine=espeak");
        var url = list.GetProperty("voices").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "en-gb").GetProperty("sampleUrl").GetString()!;

        using var first = await _editor.SendAsync(HttpMethod.Get, url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("audio/wav", first.Content.Headers.ContentType?.MediaType);
        var wav = await first.Content.ReadAsByteArrayAsync();
        Assert.True(wav.Length > 48_000, $"{wav.Length} bytes"); // over a second of 22 kHz speech
        using var second = await _editor.SendAsync(HttpMethod.Get, url);
        Assert.Equal(wav, await second.Content.ReadAsByteArrayAsync());

        using var unknown = await _editor.SendAsync(HttpMethod.Get, "/api/voices/espeak/alloy/sample?language=en");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
    }

    [Fact]
    public async Task Alloy_on_espeak_is_refused_with_the_choices_and_never_reaches_the_engine()
    {
        var cms = new Cms(_http);
        (await cms.PublishAsync(Cms.Article("alloy-story", "A story for the wrong voice", paragraphs: 1))).EnsureSuccessStatusCode();
        await cms.WaitForAsync("alloy-story", "ready", TimeSpan.FromSeconds(120));

        using var refused = await _editor.SendAsync(HttpMethod.Post, "/api/articles/alloy-story/audio/regenerate", new { voice = "alloy", engine = "espeak" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var detail = await EditorCalls.ProblemDetailAsync(refused);
        Assert.StartsWith("'alloy' is not an espeak voice for en: choose one of en-us, en-gb", detail, StringComparison.Ordinal);

        // An Arabic voice for an English article is refused the same way.
        using var arabic = await _editor.SendAsync(HttpMethod.Post, "/api/articles/alloy-story/audio/regenerate", new { voice = "ar", engine = "espeak" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, arabic.StatusCode);
    }

    [Theory]
    [InlineData("/api/voices?language=fr&engine=espeak", "not an edition")]
    [InlineData("/api/voices?language=en&engine=robot", "not configured")]
    public async Task An_unknown_edition_or_engine_is_named(string path, string expected)
    {
        using var answer = await _editor.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Contains(expected, await EditorCalls.ProblemDetailAsync(answer), StringComparison.Ordinal);

        using var anonymous = await _editor.SendAsync(HttpMethod.Get, "/api/voices?language=en", key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public void A_default_voice_that_cannot_read_its_edition_stops_the_start_naming_the_setting_and_the_choices()
    {
        using var service = new TestService(postgres: null, new Dictionary<string, string?> { ["Tts:Espeak:Voices:en"] = "alloy" });
        var failure = Assert.ThrowsAny<Exception>(() => service.CreateClient());
        Assert.Contains("Tts:Espeak:Voices:en is 'alloy', which is not an espeak-ng voice for en: choose one of", failure.ToString(), StringComparison.Ordinal);
    }
}
