using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using RoyaAudio.Server.Tests.Support;
using System.Text;

namespace RoyaAudio.Server.Tests.Security;

/// <summary>
/// An editor's cookie is only as good as the session and the key behind it: sign-out ends it on every node,
/// a changed key ends every cookie issued for the old one, and a second web node opens cookies the first sealed.
/// </summary>
[Collection(ServiceTests.Name)]
public sealed class EditorSessionTests : IAsyncLifetime
{
    private const string ChangedKey = "editor-key-changed-0123456789abcdef";
    private readonly TestPostgres _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private TestService Node(string editorKey = TestService.EditorKey) =>
        new(_database.ConnectionString, new Dictionary<string, string?> { ["Security:ApiKeys:0:Key"] = editorKey });

    /// <summary>Signs in and returns the cookie as a browser would send it back.</summary>
    private static async Task<string> SignInAsync(TestService node, string key = TestService.EditorKey)
    {
        using var browser = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var signIn = await browser.PostAsync("/editor/login", new FormUrlEncodedContent([new("key", key), new("returnUrl", "/editor")]));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("roya_editor=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>A lexicon change made with the cookie, as the editor page makes it.</summary>
    private static async Task<HttpStatusCode> ChangeWithAsync(TestService node, string cookie)
    {
        using var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/lexicon/en/Amman")
        {
            Content = new StringContent("{\"spoken\":\"Am-man\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("X-Roya-Editor", "1");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task After_sign_out_the_old_cookie_opens_nothing()
    {
        using var node = Node();
        var cookie = await SignInAsync(node);
        Assert.Equal(HttpStatusCode.OK, await ChangeWithAsync(node, cookie));

        using (var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }))
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/editor/logout"))
        {
            request.Headers.Add("Cookie", cookie);
            using var signOut = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await ChangeWithAsync(node, cookie));
        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM editor_sessions WHERE ended_at IS NOT NULL"));
    }

    [Fact]
    public async Task A_cookie_issued_for_a_key_that_was_changed_is_refused_after_the_restart()
    {
        string cookie;
        using (var before = Node())
        {
            cookie = await SignInAsync(before);
        }

        using var after = Node(ChangedKey);
        Assert.Equal(HttpStatusCode.Unauthorized, await ChangeWithAsync(after, cookie));
        Assert.Equal(HttpStatusCode.OK, await ChangeWithAsync(after, await SignInAsync(after, ChangedKey)));
    }

    [Fact]
    public async Task A_second_web_node_opens_the_cookie_the_first_sealed_and_a_sign_out_on_it_ends_the_session_on_both()
    {
        using var first = Node();
        using var second = Node();
        var cookie = await SignInAsync(first);

        Assert.Equal(HttpStatusCode.OK, await ChangeWithAsync(second, cookie));

        using (var client = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }))
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/editor/logout"))
        {
            request.Headers.Add("Cookie", cookie);
            (await client.SendAsync(request)).Dispose();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await ChangeWithAsync(first, cookie));
        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM data_protection_keys"));
    }
}
