using System.Diagnostics;
using System.Net;
using System.Text.Json;
using NAudio.Wave;
using OpenAI.Audio;

namespace RoyaAudio.SpeechServer.Tests;

/// <summary>pcm, wav and mp3 answers are the same speech at 24 kHz mono, each readable by an independent decoder.</summary>
public sealed class FormatTests
{
    private const string Text = "Amman will be sunny today, with a light breeze in the evening.";

    [Theory]
    [InlineData("pcm", "audio/pcm")]
    [InlineData("wav", "audio/wav")]
    [InlineData("mp3", "audio/mpeg")]
    public async Task Each_format_has_its_content_type(string format, string contentType)
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        using var http = Speech.Http();

        using var response = await http.SendAsync(Speech.Request("openai", server, Speech.Body(format: format)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((await response.Content.ReadAsByteArrayAsync()).Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Without_a_format_the_answer_is_mp3()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        using var http = Speech.Http();

        using var response = await http.SendAsync(Speech.Request("azure", server, """{"model":"tts","input":"Hello.","voice":"alloy"}"""));

        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
        var mp3 = await response.Content.ReadAsByteArrayAsync();
        Assert.True(mp3.Length > 2 && mp3[0] == 0xFF && (mp3[1] & 0xE0) == 0xE0, "the answer does not start with an MPEG frame");
        Assert.Null(Assert.Single(server.Requests).ResponseFormat);
    }

    [Fact]
    public async Task Wav_holds_the_same_samples_as_pcm()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        var client = Speech.Azure(server);
        var pcm = (await client.SpeakAsync(Text, GeneratedSpeechFormat.Pcm)).Value.ToArray();

        var wav = (await client.SpeakAsync(Text, GeneratedSpeechFormat.Wav)).Value.ToArray();

        using var reader = new WaveFileReader(new MemoryStream(wav));
        Assert.Equal(new WaveFormat(24000, 16, 1), reader.WaveFormat);
        var samples = new byte[reader.Length];
        Assert.Equal(samples.Length, reader.Read(samples, 0, samples.Length));
        Assert.Equal(pcm, samples);
        Assert.Equal("wav", server.Requests[^1].ResponseFormat);
    }

    [Fact]
    public async Task Mp3_is_64_kbps_and_ffmpeg_decodes_it_to_the_length_of_the_pcm()
    {
        await using var server = await LocalSpeechServer.StartAsync(new SpeechServerOptions());
        var client = Speech.OpenAi(server);
        var pcm = (await client.SpeakAsync(Text, GeneratedSpeechFormat.Pcm)).Value.ToArray();
        var mp3 = (await client.SpeakAsync(Text, GeneratedSpeechFormat.Mp3)).Value.ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"speech-{Guid.NewGuid():N}.mp3");
        await File.WriteAllBytesAsync(path, mp3);
        try
        {
            using var probe = JsonDocument.Parse(Run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels,bit_rate", "-of", "json", path));
            var stream = probe.RootElement.GetProperty("streams")[0];
            Assert.Equal("mp3", stream.GetProperty("codec_name").GetString());
            Assert.Equal("24000", stream.GetProperty("sample_rate").GetString());
            Assert.Equal(1, stream.GetProperty("channels").GetInt32());
            Assert.Equal("64000", stream.GetProperty("bit_rate").GetString());

            var decoded = Run("ffmpeg", "-v", "error", "-i", path, "-f", "s16le", "-");
            // LAME's tag frame tells ffmpeg to drop the encoder delay and padding: the lengths agree to a few milliseconds.
            Assert.InRange(decoded.Length / 2.0 / Pcm.SampleRate, Pcm.Seconds(pcm) - 0.03, Pcm.Seconds(pcm) + 0.03);
            Assert.True(Pcm.Peak(decoded) > 3000, "ffmpeg decoded silence");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error.Result}");
        return output.ToArray();
    }
}
