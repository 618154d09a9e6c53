using System.Net.Http.Json;
using System.Text.Json;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Player;

/// <summary>When the audio API says the audio was updated: only when listeners could have heard earlier audio.</summary>
[Collection(ServiceTests.Name)]
public sealed class AudioUpdatedTests : IAsyncLifetime
{
    private const long Minute = 60_000;
    private const long Start = 1_796_000_000_000;
    private readonly TestPostgres _database = new();
    private TestService _service = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString);
        _http = _service.CreateClient();
        // Started: the tables are there.
        using var health = await _http.GetAsync("/healthz/live");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>An article whose renditions are (status, finished minute, with files), the last one current and ready.</summary>
    private async Task<JsonElement> AnswerFor(string id, params (string Status, long Finished, bool Files)[] renditions)
    {
        await _database.ScalarAsync<long>(
            $"""
            INSERT INTO articles (id, language, title, source, script_hash, characters, published, auto_regenerate, received_at)
            VALUES ('{id}', 'en', 'A story', '{"{"}"id":"{id}","language":"en","title":"A story","body":"<p>Text.</p>","status":"published"{"}"}', 'h', 10, 1, 1, {Start}) RETURNING 1
            """);
        long current = 0;
        foreach (var (status, finished, files) in renditions)
        {
            var keys = files ? $"'audio/{id}/{new string('a', 64)}.mp3', 'audio/{id}/{new string('b', 64)}.vtt'" : "NULL, NULL";
            current = (await _database.ScalarAsync<long>(
                $"""
                INSERT INTO renditions (article_id, script_hash, engine, queue, status, attempts, created_at, finished_at, mp3_key, vtt_key, bytes, duration_ms, manifest)
                VALUES ('{id}', 'h', 'espeak', 'publish', '{status}', 1, {Start}, {Start + (finished * Minute)}, {keys}, 100, 1000,
                  '{"{"}"articleId":"{id}","language":"en","durationMs":1000,"voice":"en","sentences":[{"{"}"index":0,"paragraph":0,"text":"A story.","startMs":0,"endMs":1000{"}"}]{"}"}')
                RETURNING id
                """))!;
        }

        await _database.ScalarAsync<long>($"UPDATE articles SET current_rendition_id={current} WHERE id='{id}' RETURNING 1");
        return await _http.GetFromJsonAsync<JsonElement>($"/api/articles/{id}/audio");
    }

    private static string? UpdatedAt(JsonElement answer)
    {
        Assert.True(answer.GetProperty("playable").GetBoolean(), answer.ToString());
        return answer.GetProperty("updatedAt").ValueKind == JsonValueKind.Null ? null : answer.GetProperty("updatedAt").GetString();
    }

    [Fact]
    public async Task Audio_that_replaced_audio_listeners_could_hear_carries_its_finishing_time_and_other_audio_does_not()
    {
        var finished = DateTimeOffset.FromUnixTimeMilliseconds(Start + (9 * Minute));
        Assert.Null(UpdatedAt(await AnswerFor("first-audio", ("ready", 9, true))));
        Assert.Equal(finished, DateTimeOffset.Parse(UpdatedAt(await AnswerFor("replaced-audio", ("superseded", 1, true), ("ready", 9, true)))!, System.Globalization.CultureInfo.InvariantCulture));
        // A takedown took the earlier audio away; a render that finished after a takedown was never heard.
        Assert.Null(UpdatedAt(await AnswerFor("after-takedown", ("withdrawn", 1, true), ("ready", 9, true))));
        // An older render that finished after the current one never played.
        Assert.Null(UpdatedAt(await AnswerFor("overtaken", ("superseded", 12, true), ("ready", 9, true))));
        // A failed render left nothing to hear.
        Assert.Null(UpdatedAt(await AnswerFor("after-failure", ("failed", 1, false), ("ready", 9, true))));
    }
}
