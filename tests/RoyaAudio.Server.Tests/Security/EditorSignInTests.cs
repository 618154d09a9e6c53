using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RoyaAudio.Server.Tests.Support;
using System.Text;

namespace RoyaAudio.Server.Tests.Security;

/// <summary>The editor page and the dashboard sign in once with a key and carry a strict cookie; the cookie cannot be used cross-site to change things.</summary>
[Collection(ServiceTests.Name)]
public sealed class EditorSignInTests : IDisposable
{
    private readonly TestService _service = new(postgres: null);

    public void Dispose() => _service.Dispose();

    private HttpClient Browser() => _service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static FormUrlEncodedContent Form(string key, string returnUrl) => new([new("key", key), new("returnUrl", returnUrl)]);

    [Fact]
    public async Task An_admin_signs_in_with_the_key_and_the_cookie_opens_the_dashboard()
    {
        using var browser = Browser();
        using (var page = await browser.GetAsync("/editor/login"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        using (var signIn = await browser.PostAsync("/editor/login", Form(TestService.AdminKey, "/hangfire")))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal("/hangfire", signIn.Headers.Location?.OriginalString);
            var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("roya_editor=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        }

        using var dashboard = await browser.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\r/evil.example")]
    [InlineData("/\v/evil.example")]
    [InlineData("/ /evil.example")]
    [InlineData("/editor\\..\\evil")]
    public async Task A_return_address_that_a_browser_would_normalise_into_another_site_leads_to_the_editor_page(string returnUrl)
    {
        using var browser = Browser();
        using var signIn = await browser.PostAsync("/editor/login", Form(TestService.EditorKey, returnUrl));

        Assert.True(HttpStatusCode.Redirect == signIn.StatusCode, await signIn.Content.ReadAsStringAsync());
        Assert.Equal("/editor", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_return_address_holding_NUL_is_a_bad_request_not_a_server_error()
    {
        using var browser = Browser();
        using var signIn = await browser.PostAsync("/editor/login", Form(TestService.EditorKey, "/\0/evil.example"));

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Contains("invalid characters", await EditorCalls.ProblemDetailAsync(signIn), StringComparison.Ordinal);
        Assert.False(signIn.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task An_unknown_key_is_refused_and_a_foreign_return_address_is_never_followed()
    {
        using var browser = Browser();
        using (var refused = await browser.PostAsync("/editor/login", Form("not-a-key-0123456789abcdef", "/hangfire")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("not known", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(refused.Headers.Contains("Set-Cookie"));
        }

        foreach (var foreign in new[] { "//evil.example/", "https://evil.example/", "/\\evil.example" })
        {
            using var signIn = await browser.PostAsync("/editor/login", Form(TestService.EditorKey, foreign));
            Assert.Equal("/editor", signIn.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task A_dashboard_change_from_another_page_of_the_same_site_is_refused_and_the_dashboards_own_goes_through()
    {
        using var browser = Browser();
        (await browser.PostAsync("/editor/login", Form(TestService.AdminKey, "/hangfire"))).Dispose();
        var storage = _service.Services.GetRequiredService<Hangfire.JobStorage>();
        bool Maintained()
        {
            using var connection = storage.GetConnection();
            return Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).Any(j => j.Id == "maintenance");
        }

        Assert.True(Maintained());
        foreach (var origin in new[] { "https://sibling.example.org", null })
        {
            using var forged = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/remove") { Content = new FormUrlEncodedContent([new("jobs[]", "maintenance")]) };
            if (origin is not null)
            {
                forged.Headers.Add("Origin", origin);
            }

            using var refused = await browser.SendAsync(forged);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.True(Maintained());
        }

        using var own = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger") { Content = new FormUrlEncodedContent([new("jobs[]", "maintenance")]) };
        own.Headers.Add("Origin", "http://localhost");
        using var accepted = await browser.SendAsync(own);
        Assert.True(accepted.IsSuccessStatusCode, $"{(int)accepted.StatusCode}");
    }

    [Fact]
    public async Task Cookie_borne_changes_need_the_editor_header_and_editors_stay_out_of_the_dashboard()
    {
        using var browser = Browser();
        (await browser.PostAsync("/editor/login", Form(TestService.EditorKey, "/editor"))).Dispose();

        using (var list = await browser.GetAsync("/api/articles"))
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }

        using (var forged = await browser.PutAsync("/api/lexicon/en/Amman", new StringContent("{\"spoken\":\"Am-man\"}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            Assert.Contains("X-Roya-Editor", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Put, "/api/lexicon/en/Amman") { Content = new StringContent("{\"spoken\":\"Am-man\"}", Encoding.UTF8, "application/json") })
        {
            request.Headers.Add("X-Roya-Editor", "1");
            using var allowed = await browser.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var dashboard = await browser.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
    }
}
