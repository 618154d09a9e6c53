using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using Azure.AI.OpenAI;
using OpenAI;
using OpenAI.Audio;
using System.Text;

namespace RoyaAudio.SpeechServer.Tests;

/// <summary>The real SDK clients and raw requests, pointed at a local server.</summary>
internal static class Speech
{
    public const string Key = "local-key";
    public const string AzureApiVersion = "2025-04-01-preview";
    public const string Sentence = "Hello world.";

    public static readonly string[] Protocols = ["azure", "openai"];

    public static AudioClient Azure(LocalSpeechServer server, string key = Key, TimeSpan? networkTimeout = null)
    {
        var options = new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) };
        if (networkTimeout is { } timeout)
        {
            options.NetworkTimeout = timeout;
        }

        return new AzureOpenAIClient(server.BaseAddress, new ApiKeyCredential(key), options).GetAudioClient("tts");
    }

    public static AudioClient OpenAi(LocalSpeechServer server, string key = Key, TimeSpan? networkTimeout = null, string endpointPath = "v1")
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, endpointPath), RetryPolicy = new ClientRetryPolicy(0) };
        if (networkTimeout is { } timeout)
        {
            options.NetworkTimeout = timeout;
        }

        return new OpenAIClient(new ApiKeyCredential(key), options).GetAudioClient("gpt-4o-mini-tts");
    }

    public static AudioClient Client(string protocol, LocalSpeechServer server, string key = Key, TimeSpan? networkTimeout = null) =>
        protocol == "azure" ? Azure(server, key, networkTimeout) : OpenAi(server, key, networkTimeout);

    public static Task<ClientResult<BinaryData>> SpeakAsync(this AudioClient client, string text = Sentence, GeneratedSpeechFormat? format = null, string voice = "alloy") =>
        client.GenerateSpeechAsync(text, new GeneratedSpeechVoice(voice), new SpeechGenerationOptions { ResponseFormat = format ?? GeneratedSpeechFormat.Pcm });

    /// <summary>A request as the protocol's client would send it, with the key in that protocol's header.</summary>
    public static HttpRequestMessage Request(string protocol, LocalSpeechServer server, string body, string? key = Key)
    {
        var azure = protocol == "azure";
        var path = azure ? $"openai/deployments/tts/audio/speech?api-version={AzureApiVersion}" : "v1/audio/speech";
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, path))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null && azure)
        {
            request.Headers.Add("api-key", key);
        }
        else if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    public static string Body(string input = Sentence, string format = "pcm", string voice = "alloy") =>
        System.Text.Json.JsonSerializer.Serialize(new { model = "tts", input, voice, response_format = format });

    public static HttpClient Http(TimeSpan? timeout = null) => new() { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
}

/// <summary>Facts about 24 kHz mono 16-bit PCM.</summary>
internal static class Pcm
{
    public const int SampleRate = 24000;

    public static double Seconds(ReadOnlySpan<byte> pcm) => pcm.Length / 2.0 / SampleRate;

    public static int Peak(ReadOnlySpan<byte> pcm)
    {
        var peak = 0;
        for (var i = 0; i + 1 < pcm.Length; i += 2)
        {
            peak = Math.Max(peak, Math.Abs((int)BitConverter.ToInt16(pcm.Slice(i, 2))));
        }

        return peak;
    }
}
