using System.ClientModel;
using System.Net;
using System.Text.Json;

namespace RoyaAudio.SpeechServer.Tests;

/// <summary>Bad bodies get the services' 400: an OpenAI-style error object whose message names the problem.</summary>
public sealed class ValidationTests
{
    /// <summary>Problem, body, what the message must say, the param it must name.</summary>
    private static readonly string[][] BadBodies =
    [
        ["not JSON", "not json", "We could not parse the JSON body", ""],
        ["not an object", "[1, 2]", "expected an object", ""],
        ["model missing", """{"input":"Hi.","voice":"alloy"}""", "you must provide a model parameter", "model"],
        ["model empty", """{"model":"","input":"Hi.","voice":"alloy"}""", "you must provide a model parameter", "model"],
        ["model not a string", """{"model":7,"input":"Hi.","voice":"alloy"}""", "Invalid type for 'model': expected a string, but got an integer", "model"],
        ["input missing", """{"model":"tts","voice":"alloy"}""", "Missing required parameter: 'input'", "input"],
        ["input null", """{"model":"tts","input":null,"voice":"alloy"}""", "Missing required parameter: 'input'", "input"],
        ["input empty", """{"model":"tts","input":"","voice":"alloy"}""", "Invalid 'input': empty string", "input"],
        ["input not a string", """{"model":"tts","input":["Hi."],"voice":"alloy"}""", "Invalid type for 'input': expected a string, but got an array", "input"],
        ["input 4097 Latin letters", $$"""{"model":"tts","input":"{{new string('a', 4097)}}","voice":"alloy"}""", "maximum length 4096, but got a string with length 4097", "input"],
        ["input 4100 Arabic letters", $$"""{"model":"tts","input":"{{string.Concat(Enumerable.Repeat("مرحبا", 820))}}","voice":"alloy"}""", "maximum length 4096, but got a string with length 4100", "input"],
        ["voice missing", """{"model":"tts","input":"Hi."}""", "Missing required parameter: 'voice'", "voice"],
        ["voice unknown", """{"model":"tts","input":"Hi.","voice":"bob"}""", "Invalid value: 'bob'. Supported values are: 'alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer', and 'verse'.", "voice"],
        ["voice capitalised", """{"model":"tts","input":"Hi.","voice":"Alloy"}""", "Invalid value: 'Alloy'", "voice"],
        ["opus", """{"model":"tts","input":"Hi.","voice":"alloy","response_format":"opus"}""", "'opus' is unsupported by this server", "response_format"],
        ["aac", """{"model":"tts","input":"Hi.","voice":"alloy","response_format":"aac"}""", "'aac' is unsupported by this server", "response_format"],
        ["flac", """{"model":"tts","input":"Hi.","voice":"alloy","response_format":"flac"}""", "'flac' is unsupported by this server", "response_format"],
        ["format unknown", """{"model":"tts","input":"Hi.","voice":"alloy","response_format":"ogg"}""", "Invalid value: 'ogg'", "response_format"],
        ["speed too slow", """{"model":"tts","input":"Hi.","voice":"alloy","speed":0.2}""", "Invalid 'speed': decimal below minimum value. Expected a value >= 0.25, but got 0.2", "speed"],
        ["speed too fast", """{"model":"tts","input":"Hi.","voice":"alloy","speed":4.5}""", "Invalid 'speed': decimal above maximum value. Expected a value <= 4, but got 4.5", "speed"],
        ["speed not a number", """{"model":"tts","input":"Hi.","voice":"alloy","speed":"fast"}""", "Invalid type for 'speed': expected a decimal, but got a string", "speed"],
        ["instructions a number", """{"model":"tts","input":"Hi.","voice":"alloy","instructions":5}""", "Invalid type for 'instructions': expected a string, but got an integer", "instructions"],
        ["instructions an object", """{"model":"tts","input":"Hi.","voice":"alloy","instructions":{"tone":"calm"}}""", "Invalid type for 'instructions': expected a string, but got an object", "instructions"],
        ["stream_format sse", """{"model":"tts","input":"Hi.","voice":"alloy","stream_format":"sse"}""", "'sse' is unsupported by this server", "stream_format"],
        ["unknown field", """{"model":"tts","input":"Hi.","voice":"alloy","language":"en"}""", "Unrecognized request argument supplied: language", "language"],
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var protocol in Speech.Protocols)
        {
            foreach (var bad in BadBodies)
            {
                data.Add(protocol, bad[0]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_body_gets_400_naming_the_problem(string protocol, string problem)
    {
        var bad = BadBodies.Single(b => b[0] == problem);
        var (body, message, param) = (bad[1], bad[2], bad[3]);
        // Faults come after validation: a bad request is never rate limited.
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { Faults = { RateLimitShare = 1 } });
        using var http = Speech.Http();

        using var response = await http.SendAsync(Speech.Request(protocol, server, body));

        var error = await ProtocolTests.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param.Length == 0 ? null : param, error.GetProperty("param").GetString());
        var logged = Assert.Single(server.Requests);
        Assert.Equal(400, logged.Status);
        Assert.Null(logged.Fault);
    }

    [Theory]
    [InlineData("مرحبا", 4095)] // 4095 Arabic letters: 8190 UTF-8 bytes
    [InlineData("😀", 4096)] // 4096 characters outside the BMP: 8192 UTF-16 units
    [InlineData("a", 4096)]
    public async Task Input_length_counts_characters_not_bytes(string unit, int characters)
    {
        // An empty answer skips synthesis: only validation is under test.
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { Faults = { EmptyAudioShare = 1 } });
        var input = string.Concat(Enumerable.Repeat(unit, characters / unit.EnumerateRunes().Count()));
        using var http = Speech.Http();

        using var response = await http.SendAsync(Speech.Request("openai", server, Speech.Body(input)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("empty", Assert.Single(server.Requests).Fault);
    }

    [Theory]
    [InlineData("""{"model":"tts","input":"Hi.","voice":"alloy","speed":0.25,"response_format":"pcm"}""")]
    [InlineData("""{"model":"tts","input":"Hi.","voice":"shimmer","speed":4.0,"response_format":"wav","instructions":null}""")]
    [InlineData("""{"model":"tts","input":"Hi.","voice":"verse","instructions":"Warm.","stream_format":"audio"}""")]
    public async Task Bodies_at_the_limits_are_spoken(string body)
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        using var http = Speech.Http();

        using var response = await http.SendAsync(Speech.Request("azure", server, body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_sdk_lets_an_unknown_voice_through_and_the_server_refuses_it()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());

        var e = await Assert.ThrowsAsync<ClientResultException>(() => Speech.Azure(server).SpeakAsync(voice: "marin"));

        Assert.Equal(400, e.Status);
        Assert.Contains("Invalid value: 'marin'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_is_checked_before_the_body()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        using var http = Speech.Http();

        using var response = await http.SendAsync(Speech.Request("openai", server, "not json", key: "wrong"));

        var error = await ProtocolTests.ErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
    }
}
