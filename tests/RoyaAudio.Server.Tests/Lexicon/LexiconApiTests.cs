using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Lexicon;

/// <summary>Editors teach the service how to say names: an entry changes what is spoken (and the script hash), never what is shown.</summary>
[Collection(ServiceTests.Name)]
public sealed class LexiconApiTests : IAsyncLifetime
{
    private readonly TestPostgres _database = new();
    private TestService _service = null!;
    private HttpClient _http = null!;
    private Cms _cms = null!;
    private EditorCalls _editor = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString);
        _http = _service.CreateClient();
        _cms = new Cms(_http);
        _editor = new EditorCalls(_http);
        (await _http.GetAsync("/healthz")).Dispose(); // tables exist before the first count
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    private Task<long> EntryCountAsync() => _database.ScalarAsync<long>("SELECT COUNT(*) FROM lexicon");

    private static JsonElement SentenceWith(JsonElement script, string text) =>
        script.GetProperty("sentences").EnumerateArray().Single(s => s.GetProperty("text").GetString()!.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task An_entry_is_listed_respells_what_is_spoken_in_the_script_and_can_be_deleted_once()
    {
        var article = Cms.Article("leader-story", "Khamenei addresses the assembly", paragraphs: 1);
        article["body"] = "<p>In Tehran, Khamenei spoke for an hour. The assembly listened in silence.</p>";
        (await _cms.PublishAsync(article)).EnsureSuccessStatusCode();
        var before = await _editor.JsonAsync(HttpMethod.Get, "/api/articles/leader-story/script");
        Assert.Equal("In Tehran, Khamenei spoke for an hour.", SentenceWith(before, "spoke").GetProperty("spoken").GetString());

        var stored = await _editor.JsonAsync(HttpMethod.Put, "/api/lexicon/en/Khamenei", new { spoken = "  Kha-meh-nay " });
        Assert.Equal("Khamenei", stored.GetProperty("term").GetString());
        Assert.Equal("Kha-meh-nay", stored.GetProperty("spoken").GetString());

        var listed = Assert.Single((await _editor.JsonAsync(HttpMethod.Get, "/api/lexicon/en")).EnumerateArray());
        Assert.Equal("Khamenei", listed.GetProperty("term").GetString());
        Assert.Equal("Kha-meh-nay", listed.GetProperty("spoken").GetString());
        Assert.Empty((await _editor.JsonAsync(HttpMethod.Get, "/api/lexicon/ar")).EnumerateArray());

        // What is spoken changes; what is shown keeps the real spelling; and so does the script hash.
        var after = await _editor.JsonAsync(HttpMethod.Get, "/api/articles/leader-story/script");
        var sentence = SentenceWith(after, "spoke");
        Assert.Equal("In Tehran, Khamenei spoke for an hour.", sentence.GetProperty("text").GetString());
        Assert.Equal("In Tehran, Kha-meh-nay spoke for an hour.", sentence.GetProperty("spoken").GetString());
        Assert.Equal("Kha-meh-nay addresses the assembly", after.GetProperty("sentences")[0].GetProperty("spoken").GetString()!.TrimEnd('.'));
        Assert.NotEqual(before.GetProperty("scriptHash").GetString(), after.GetProperty("scriptHash").GetString());

        // Changing an entry replaces it rather than adding another.
        await _editor.JsonAsync(HttpMethod.Put, "/api/lexicon/en/Khamenei", new { spoken = "Khah-meh-nay" });
        Assert.Equal(1, await EntryCountAsync());
        Assert.Equal("Khah-meh-nay", await _database.ScalarAsync<string>("SELECT spoken FROM lexicon WHERE language='en' AND term='Khamenei'"));

        using (var deleted = await _editor.SendAsync(HttpMethod.Delete, "/api/lexicon/en/Khamenei"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var again = await _editor.SendAsync(HttpMethod.Delete, "/api/lexicon/en/Khamenei"))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            Assert.Contains("'Khamenei'", await EditorCalls.ProblemDetailAsync(again), StringComparison.Ordinal);
        }

        Assert.Empty((await _editor.JsonAsync(HttpMethod.Get, "/api/lexicon/en")).EnumerateArray());
        var restored = await _editor.JsonAsync(HttpMethod.Get, "/api/articles/leader-story/script");
        Assert.Equal("In Tehran, Khamenei spoke for an hour.", SentenceWith(restored, "spoke").GetProperty("spoken").GetString());
        Assert.Equal(before.GetProperty("scriptHash").GetString(), restored.GetProperty("scriptHash").GetString());
    }

    [Fact]
    public async Task A_word_in_another_case_replaces_the_entry_while_an_acronym_stands_beside_the_word()
    {
        await _editor.JsonAsync(HttpMethod.Put, "/api/lexicon/en/bridge", new { spoken = "bridj" });
        await _editor.JsonAsync(HttpMethod.Put, "/api/lexicon/en/Bridge", new { spoken = "brij" });
        await _editor.JsonAsync(HttpMethod.Put, "/api/lexicon/en/WHO", new { spoken = "World Health Organisation" });
        await _editor.JsonAsync(HttpMethod.Put, "/api/lexicon/en/who", new { spoken = "hoo" });
        await _editor.JsonAsync(HttpMethod.Put, "/api/lexicon/en/Who", new { spoken = "hu" });

        var terms = (await _editor.JsonAsync(HttpMethod.Get, "/api/lexicon/en")).EnumerateArray()
            .Select(e => $"{e.GetProperty("term").GetString()}={e.GetProperty("spoken").GetString()}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Bridge=brij", "WHO=World Health Organisation", "Who=hu"], terms);
    }

    [Fact]
    public async Task An_unknown_language_is_not_found_and_the_answer_names_the_supported_ones()
    {
        foreach (var (method, body) in new (HttpMethod, object?)[] { (HttpMethod.Get, null), (HttpMethod.Put, new { spoken = "Kha-meh-nay" }), (HttpMethod.Delete, null) })
        {
            var path = method == HttpMethod.Get ? "/api/lexicon/xx" : "/api/lexicon/xx/Khamenei";
            using var response = await _editor.SendAsync(method, path, body);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var detail = await EditorCalls.ProblemDetailAsync(response);
            Assert.Contains("unknown language 'xx'", detail, StringComparison.Ordinal);
            Assert.Contains("en, ar", detail, StringComparison.Ordinal);
        }

        Assert.Equal(0, await EntryCountAsync());
    }

    [Fact]
    public async Task An_entry_without_a_respelling_is_refused()
    {
        foreach (var body in new object[] { new { spoken = "" }, new { spoken = "   " }, new { }, new { spoken = new string('a', 201) } })
        {
            using var response = await _editor.SendAsync(HttpMethod.Put, "/api/lexicon/en/Khamenei", body);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("term and spoken must be 1-200 characters", await EditorCalls.ProblemDetailAsync(response), StringComparison.Ordinal);
        }

        using (var longTerm = await _editor.SendAsync(HttpMethod.Put, $"/api/lexicon/en/{new string('k', 201)}", new { spoken = "Kha-meh-nay" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, longTerm.StatusCode);
        }

        Assert.Equal(0, await EntryCountAsync());
    }

    [Fact]
    public async Task Only_editors_and_admins_edit_the_lexicon()
    {
        foreach (var key in new[] { null, "not-a-configured-key-0123456789" })
        {
            using (var list = await _editor.SendAsync(HttpMethod.Get, "/api/lexicon/en", key: key))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
                Assert.Equal("application/problem+json", list.Content.Headers.ContentType?.MediaType);
            }

            using (var put = await _editor.SendAsync(HttpMethod.Put, "/api/lexicon/en/Khamenei", new { spoken = "Kha-meh-nay" }, key))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
            }

            Assert.Equal(0, await EntryCountAsync());
        }

        using (var admin = await _editor.SendAsync(HttpMethod.Put, "/api/lexicon/en/Khamenei", new { spoken = "Kha-meh-nay" }, TestService.AdminKey))
        {
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        }

        Assert.Equal(1, await EntryCountAsync());
        using (var delete = await _editor.SendAsync(HttpMethod.Delete, "/api/lexicon/en/Khamenei", key: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
            Assert.Contains("Authorization: Bearer", await EditorCalls.ProblemDetailAsync(delete), StringComparison.Ordinal);
        }

        Assert.Equal(1, await EntryCountAsync());
    }
}
