using System.ClientModel;
using System.Net;
using System.Text.Json;
using OpenAI.Audio;
using System.Text;

namespace RoyaAudio.SpeechServer.Tests;

/// <summary>The real Azure OpenAI and OpenAI clients against the local server: paths, headers, bodies, keys.</summary>
public sealed class ProtocolTests
{
    [Fact]
    public async Task Azure_client_gets_speech_and_the_log_shows_what_it_sent()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());

        var result = await Speech.Azure(server).SpeakAsync();

        AssertSpeech(result.Value.ToArray());
        Assert.True(result.GetRawResponse().Headers.TryGetValue("Content-Type", out var contentType));
        Assert.Equal("audio/pcm", contentType);
        var request = Assert.Single(server.Requests);
        Assert.Equal("azure", request.Protocol);
        Assert.Equal("/openai/deployments/tts/audio/speech", request.Path);
        Assert.Equal("tts", request.Deployment);
        Assert.Equal(Speech.AzureApiVersion, request.ApiVersion);
        Assert.Equal("api-key", request.AuthHeader);
        Assert.Equal("tts", request.Model); // the SDK sends the deployment name as the model
        Assert.Equal(Speech.Sentence, request.Input);
        Assert.Equal("alloy", request.Voice);
        Assert.Equal("pcm", request.ResponseFormat);
        Assert.Equal(200, request.Status);
        Assert.Null(request.Fault);
    }

    [Fact]
    public async Task OpenAi_client_gets_speech_and_the_log_shows_what_it_sent()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());

        var result = await Speech.OpenAi(server).SpeakAsync();

        AssertSpeech(result.Value.ToArray());
        var request = Assert.Single(server.Requests);
        Assert.Equal("openai", request.Protocol);
        Assert.Equal("/v1/audio/speech", request.Path);
        Assert.Null(request.Deployment);
        Assert.Null(request.ApiVersion);
        Assert.Equal("bearer", request.AuthHeader);
        Assert.Equal("gpt-4o-mini-tts", request.Model);
        Assert.Equal(Speech.Sentence, request.Input);
        Assert.Equal("alloy", request.Voice);
        Assert.Equal("pcm", request.ResponseFormat);
        Assert.Equal(200, request.Status);
    }

    [Theory]
    [InlineData("azure")]
    [InlineData("openai")]
    public async Task Speed_and_instructions_reach_the_server_and_speed_changes_the_length(string protocol)
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        var client = Speech.Client(protocol, server);
        const string text = "The weather in Amman will be sunny and mild all week.";

        var normal = await client.GenerateSpeechAsync(text, GeneratedSpeechVoice.Alloy, new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Pcm });
        var fast = await client.GenerateSpeechAsync(text, GeneratedSpeechVoice.Alloy, new SpeechGenerationOptions
        {
            ResponseFormat = GeneratedSpeechFormat.Pcm,
            SpeedRatio = 2f,
#pragma warning disable OPENAI001 // Instructions is marked experimental in the SDK; the wire field is what is tested.
            Instructions = "Read calmly.",
#pragma warning restore OPENAI001
        });

        Assert.True(Pcm.Seconds(fast.Value) < 0.7 * Pcm.Seconds(normal.Value), $"{Pcm.Seconds(fast.Value)} s at speed 2 against {Pcm.Seconds(normal.Value)} s");
        var sent = server.Requests[^1];
        Assert.Equal(2.0, sent.Speed);
        Assert.Equal("Read calmly.", sent.Instructions);
        Assert.Null(server.Requests[0].Speed);
        Assert.Null(server.Requests[0].Instructions);
    }

    [Fact]
    public async Task Each_voice_sounds_different_and_the_same_voice_the_same()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        var client = Speech.OpenAi(server);

        var alloy = (await client.SpeakAsync(voice: "alloy")).Value.ToArray();
        var nova = (await client.SpeakAsync(voice: "nova")).Value.ToArray();
        var alloyAgain = (await client.SpeakAsync(voice: "alloy")).Value.ToArray();

        Assert.False(alloy.AsSpan().SequenceEqual(nova));
        Assert.True(alloy.AsSpan().SequenceEqual(alloyAgain));
    }

    [Fact]
    public async Task Arabic_input_is_spoken()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());

        var result = await Speech.Azure(server).SpeakAsync("الطقس في عمان مشمس اليوم.");

        AssertSpeech(result.Value.ToArray());
    }

    [Theory]
    [InlineData("Hello world.", "en-us")]
    [InlineData("الطقس في عمان مشمس اليوم.", "ar")]
    [InlineData("قال الوزير إن CNN أخطأت في التقرير.", "ar")]
    [InlineData("The minister spoke to قناة رؤيا today about the weather.", "en-us")]
    [InlineData("2026", "en-us")]
    public void Language_follows_the_letters_of_the_input(string text, string language) =>
        Assert.Equal(language, SpeechRenderer.Language(text));

    [Theory]
    [InlineData("azure")]
    [InlineData("openai")]
    public async Task A_wrong_key_is_refused_with_401_and_the_servers_message(string protocol)
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { ApiKey = "the-right-key" });

        var e = await Assert.ThrowsAsync<ClientResultException>(() => Speech.Client(protocol, server, "the-wrong-key").SpeakAsync());

        Assert.Equal(401, e.Status);
        var expected = protocol == "azure" ? "Access denied due to invalid subscription key" : "Incorrect API key provided: the***ey";
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_api_key", e.Message, StringComparison.Ordinal);
        Assert.Equal(401, Assert.Single(server.Requests).Status);
    }

    [Theory]
    [InlineData("azure", null, null, "missing subscription key")]
    [InlineData("azure", "Authorization", "Bearer local-key", "'api-key' header, not as a bearer token")]
    [InlineData("openai", null, null, "You didn't provide an API key")]
    [InlineData("openai", "api-key", "local-key", "You didn't provide an API key")]
    public async Task Each_protocol_takes_the_key_only_in_its_own_header(string protocol, string? header, string? value, string message)
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        using var http = Speech.Http();
        using var request = Speech.Request(protocol, server, Speech.Body(), key: null);
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await http.SendAsync(request);

        var error = await ErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal(header is null ? null : header == "api-key" ? "api-key" : "bearer", server.Requests[0].AuthHeader);
    }

    [Fact]
    public async Task Azure_without_api_version_is_refused_with_400_naming_it()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        using var http = Speech.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "openai/deployments/tts/audio/speech"))
        {
            Content = new StringContent(Speech.Body(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("api-key", Speech.Key);

        using var response = await http.SendAsync(request);

        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("api-version", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("api-version", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task An_OpenAI_client_pointed_at_the_root_gets_a_404_naming_the_url_it_used()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());

        var e = await Assert.ThrowsAsync<ClientResultException>(() => Speech.OpenAi(server, endpointPath: "").SpeakAsync());

        Assert.Equal(404, e.Status);
        Assert.Contains("Invalid URL (POST /audio/speech)", e.Message, StringComparison.Ordinal);
        Assert.Equal("/audio/speech", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task The_request_log_is_served_as_json_and_can_be_cleared()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        await Speech.Azure(server).SpeakAsync();
        using var http = Speech.Http();

        using var response = await http.GetAsync(new Uri(server.BaseAddress, "_requests"));

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var log = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entry = Assert.Single(log.RootElement.EnumerateArray());
        Assert.Equal("azure", entry.GetProperty("protocol").GetString());
        Assert.Equal(Speech.AzureApiVersion, entry.GetProperty("apiVersion").GetString());
        Assert.Equal(200, entry.GetProperty("status").GetInt32());
        server.ClearRequests();
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task It_listens_on_the_loopback_address_and_on_the_port_asked_for()
    {
        int port;
        await using (var first = await LocalSpeechServer.StartAsync(new SpeechServerOptions()))
        {
            Assert.Equal("127.0.0.1", first.BaseAddress.Host);
            Assert.Equal("/", first.BaseAddress.AbsolutePath);
            port = first.BaseAddress.Port;
        }

        await using var second = await LocalSpeechServer.StartAsync(new SpeechServerOptions(), port);

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), second.BaseAddress);
        AssertSpeech((await Speech.OpenAi(second).SpeakAsync()).Value.ToArray());
    }

    internal static void AssertSpeech(byte[] pcm)
    {
        var seconds = Pcm.Seconds(pcm);
        Assert.InRange(seconds, 1.0, 5.0);
        Assert.True(Pcm.Peak(pcm) > 3000, $"peak {Pcm.Peak(pcm)} of 32767: silence, not speech");
    }

    internal static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        foreach (var field in new[] { "message", "type", "param", "code" })
        {
            Assert.True(error.TryGetProperty(field, out _), $"the error object has no '{field}'");
        }

        return error.Clone();
    }
}
