using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using OpenAI.Audio;

namespace RoyaAudio.SpeechServer.Tests;

/// <summary>The transcription endpoints through the real clients: they hear what the server said, faults included.</summary>
public sealed class TranscriptionTests
{
    private const string Story = "The minister opened the new bridge on Sunday. Traffic is expected to ease within a week.";

    [Theory]
    [InlineData("azure")]
    [InlineData("openai")]
    public async Task The_transcript_is_what_the_speech_answer_said(string protocol)
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        var client = Speech.Client(protocol, server);
        var pcm = (await client.SpeakAsync(Story)).Value.ToArray();

        var transcript = await client.TranscribeAudioAsync(Wav(pcm), "unit.wav", new AudioTranscriptionOptions { ResponseFormat = AudioTranscriptionFormat.Simple, Language = "en" });

        Assert.Equal(Story, transcript.Value.Text);
        var request = server.Requests[^1];
        Assert.Equal(protocol == "azure" ? "/openai/deployments/tts/audio/transcriptions" : "/v1/audio/transcriptions", request.Path);
        Assert.Equal(200, request.Status);
        Assert.Equal("json", request.ResponseFormat);
    }

    [Fact]
    public async Task A_dropped_last_sentence_is_missing_from_the_audio_and_from_the_transcript()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { Content = { DropLastSentence = 1 } });
        var client = Speech.Azure(server);
        var dropped = (await client.SpeakAsync(Story)).Value.ToArray();
        var whole = (await client.SpeakAsync(Story)).Value.ToArray();

        Assert.True(dropped.Length < whole.Length * 0.75, $"{dropped.Length} bytes against {whole.Length}");
        Assert.Equal("dropped-sentence", server.Requests[0].Fault);
        Assert.Null(server.Requests[1].Fault);
        var heard = await client.TranscribeAudioAsync(Wav(dropped), "unit.wav", new AudioTranscriptionOptions());
        Assert.Equal("The minister opened the new bridge on Sunday.", heard.Value.Text);
    }

    [Fact]
    public async Task A_misheard_word_changes_one_word_of_the_transcript()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { Content = { MisheardWord = 1 } });
        var client = Speech.OpenAi(server);
        var pcm = (await client.SpeakAsync(Story)).Value.ToArray();

        var heard = (await client.TranscribeAudioAsync(Wav(pcm), "unit.wav", new AudioTranscriptionOptions())).Value.Text.Split(' ');

        var expected = Story.Split(' ');
        Assert.Equal(expected.Length, heard.Length);
        Assert.Equal(1, expected.Zip(heard).Count(pair => pair.First != pair.Second));
        Assert.Equal("misheard-word", server.Requests[^1].Fault);
    }

    [Theory]
    [InlineData("azure")]
    [InlineData("openai")]
    public async Task An_outage_answers_503_and_audio_the_server_never_said_answers_400(string protocol)
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        var client = Speech.Client(protocol, server);

        var unknown = await Assert.ThrowsAsync<ClientResultException>(() => client.TranscribeAudioAsync(Wav(new byte[4800]), "unit.wav", new AudioTranscriptionOptions()));
        Assert.Equal(400, unknown.Status);
        Assert.Contains("did not produce this audio", unknown.Message, StringComparison.Ordinal);

        server.Options.Content.TranscriptionOutage = true;
        var pcm = (await client.SpeakAsync(Story)).Value.ToArray();
        var down = await Assert.ThrowsAsync<ClientResultException>(() => client.TranscribeAudioAsync(Wav(pcm), "unit.wav", new AudioTranscriptionOptions()));
        Assert.Equal(503, down.Status);
        Assert.Equal("transcription-outage", server.Requests[^1].Fault);
    }

    [Fact]
    public async Task Requests_without_a_file_a_model_or_a_key_are_refused_as_the_services_refuse_them()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var noFile = new MultipartFormDataContent { { new StringContent("whisper-1"), "model" } };
        var answer = await Post("v1/audio/transcriptions", noFile, Speech.Key);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("\"param\":\"file\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var noModel = new MultipartFormDataContent { { new ByteArrayContent(Wav(new byte[480]).ToArray()), "file", "unit.wav" } };
        answer = await Post("v1/audio/transcriptions", noModel, Speech.Key);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("\"param\":\"model\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var json = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        answer = await Post("v1/audio/transcriptions", json, Speech.Key);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("multipart/form-data", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var noKey = new MultipartFormDataContent { { new StringContent("whisper-1"), "model" } };
        answer = await Post("v1/audio/transcriptions", noKey, key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);

        async Task<HttpResponseMessage> Post(string path, HttpContent content, string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            if (key is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            return await http.SendAsync(request);
        }
    }

    /// <summary>24 kHz mono 16-bit PCM in a WAV, as a client sends a unit's audio.</summary>
    private static MemoryStream Wav(byte[] pcm)
    {
        var wav = new MemoryStream();
        using (var writer = new NAudio.Wave.WaveFileWriter(wav, new NAudio.Wave.WaveFormat(24000, 16, 1)))
        {
            writer.Write(pcm, 0, pcm.Length);
        }

        wav.Position = 0;
        return wav;
    }
}
