using System.Globalization;
using RoyaAudio.Server.Tests.Support;
using RoyaAudio.SpeechServer;

namespace RoyaAudio.Server.Tests.Synthesis;

/// <summary>
/// The service with a transcription deployment against the local speech server, whose voice keeps leaving
/// out the last sentence of every packed unit: the render completes, and editors see what to hear.
/// </summary>
[Collection(ServiceTests.Name)]
public sealed class VerifiedRenderTests : IAsyncLifetime
{
    private const string SpeechKey = "verified-render-speech-key";
    private const string ArticleId = "verified-story";
    private readonly TestPostgres _database = new();
    private string? _previousKey;
    private LocalSpeechServer _speech = null!;
    private TestService _service = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _speech = await LocalSpeechServer.StartAsync(new SpeechServerOptions { ApiKey = SpeechKey, Content = { DropLastSentence = 1000 } });
        _previousKey = Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY");
        Environment.SetEnvironmentVariable("AZURE_OPENAI_API_KEY", SpeechKey);
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Tts:Provider"] = "azure-openai",
            ["Tts:AzureOpenAI:Endpoint"] = _speech.BaseAddress.ToString(),
            ["Tts:AzureOpenAI:Deployment"] = "newsroom-tts",
            ["Tts:AzureOpenAI:RequestsPerMinute"] = "100000",
            ["Tts:AzureOpenAI:RequestTimeoutSeconds"] = "20",
            ["Verification:TranscriptionDeployment"] = "newsroom-transcribe",
        });
        _http = _service.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        Environment.SetEnvironmentVariable("AZURE_OPENAI_API_KEY", _previousKey);
        await _speech.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Sentences_a_voice_keeps_dropping_are_flagged_to_editors_and_the_audio_is_still_published()
    {
        var cms = new Cms(_http);
        (await cms.PublishAsync(Cms.Article(ArticleId, "Council approves the water plan", paragraphs: 2))).EnsureSuccessStatusCode();
        await cms.WaitForAsync(ArticleId, "ready", TimeSpan.FromSeconds(120));

        // Each paragraph is one packed unit of two sentences; its second is dropped on both readings.
        var editor = new EditorCalls(_http);
        var history = await editor.JsonAsync(HttpMethod.Get, $"/api/articles/{ArticleId}/renditions");
        var verification = history[history.GetArrayLength() - 1].GetProperty("verification");
        Assert.Equal([2, 4], verification.GetProperty("flagged").EnumerateArray().Select(i => i.GetInt32()));
        Assert.Equal(2, verification.GetProperty("mismatches").GetInt32());
        Assert.Equal(2, verification.GetProperty("resynthesised").GetInt32());
        Assert.Equal(4, verification.GetProperty("transcribedUnits").GetInt32()); // the title, two paragraphs and the spoken AI note

        var listed = (await editor.JsonAsync(HttpMethod.Get, "/api/articles")).EnumerateArray().Single(a => a.GetProperty("id").GetString() == ArticleId);
        Assert.Equal(2, listed.GetProperty("flaggedSentences").GetInt32());
        var stored = (await _database.RowsAsync($"SELECT flagged_sentences FROM renditions WHERE article_id='{ArticleId}' AND status='ready'")).Single();
        Assert.Equal(2, Convert.ToInt32(stored[0], CultureInfo.InvariantCulture));
        // The review desk lists both with what was heard, and the audio API tells sites a review is pending.
        var review = (await editor.JsonAsync(HttpMethod.Get, "/api/review")).EnumerateArray().Single(r => r.GetProperty("articleId").GetString() == ArticleId);
        var sentences = review.GetProperty("sentences").EnumerateArray().ToList();
        Assert.Equal([2, 4], sentences.Select(s => s.GetProperty("index").GetInt32()));
        Assert.All(sentences, s =>
        {
            Assert.Contains("was not heard", s.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal("", s.GetProperty("heard").GetString()); // nothing was heard in its place
            Assert.True(s.GetProperty("endMs").GetInt64() > s.GetProperty("startMs").GetInt64());
        });
        Assert.True((await cms.WaitForAsync(ArticleId, "ready", TimeSpan.FromSeconds(5))).GetProperty("reviewPending").GetBoolean());

        // Accepting both, in the editor's name, clears it.
        var state = await editor.JsonAsync(HttpMethod.Post, $"/api/articles/{ArticleId}/sentences/2/accept");
        Assert.True(state.GetProperty("reviewPending").GetBoolean());
        using (var notFlagged = await editor.SendAsync(HttpMethod.Post, $"/api/articles/{ArticleId}/sentences/1/accept"))
        {
            Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, notFlagged.StatusCode);
        }

        state = await editor.JsonAsync(HttpMethod.Post, $"/api/articles/{ArticleId}/sentences/4/accept");
        Assert.False(state.GetProperty("reviewPending").GetBoolean());
        Assert.False((await cms.WaitForAsync(ArticleId, "ready", TimeSpan.FromSeconds(5))).GetProperty("reviewPending").GetBoolean());
        Assert.DoesNotContain((await editor.JsonAsync(HttpMethod.Get, "/api/review")).EnumerateArray(), r => r.GetProperty("articleId").GetString() == ArticleId);
        Assert.Equal("test editor", await _database.ScalarAsync<string>("SELECT accepted_by FROM sentence_reviews WHERE sentence_index = 4"));

        // Four units (the spoken AI note among them) heard once each, and the two that failed heard again after their second reading.
        Assert.Equal(6, _speech.Requests.Count(r => r.Path.EndsWith("/audio/transcriptions", StringComparison.Ordinal)));
    }
}
