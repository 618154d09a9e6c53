using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.HttpResults;
using RoyaAudio.Articles;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Security;
using RoyaAudio.Setup;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Synthesis;

/// <summary>
/// The voices editors can choose, per edition and engine, each with a sample to hear. A sample is made
/// once per engine, voice and language and kept, so a remote voice is paid for once, not per listen.
/// </summary>
public static class VoiceEndpoints
{
    /// <summary>Samples held: every voice of every engine and edition fits many times over.</summary>
    private const int MaxSamples = 500;

    private static readonly ConcurrentDictionary<string, byte[]> Samples = new(StringComparer.Ordinal);

    public static void MapVoices(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/voices").WithTags("Editors").RequireAuthorization(Policies.Editor);
        group.MapGet("", ListAsync).WithSummary("The voices that can read an edition with an engine, the default first, each with a sample to hear");
        group.MapGet("/{engine}/{voice}/sample", SampleAsync).WithSummary("A sentence read by the voice (WAV), made once and kept");
    }

    private static async Task<Results<Ok<VoiceList>, ProblemHttpResult>> ListAsync(string? language, string? engine, TtsEngines engines, CancellationToken cancellationToken)
    {
        if (Choice(language, engine, engines) is { Problem: { } problem })
        {
            return problem;
        }

        var (edition, tts, _) = Choice(language, engine, engines);
        try
        {
            var voices = await tts!.VoicesAsync(edition!, cancellationToken);
            return TypedResults.Ok(new VoiceList(edition!, tts.Name, tts.DefaultVoice(edition!),
                [.. voices.Select(v => new VoiceListing(v.Name, v.Label, $"/api/voices/{tts.Name}/{Uri.EscapeDataString(v.Name)}/sample?language={edition}"))]));
        }
        catch (MissingDependencyException e)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, e.Message);
        }
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SampleAsync(
        string engine, string voice, string? language, TtsEngines engines, HttpContext http, CancellationToken cancellationToken)
    {
        if (Choice(language, engine, engines) is { Problem: { } problem })
        {
            return problem;
        }

        var (edition, tts, _) = Choice(language, engine, engines);
        if (await VoiceProblemAsync(tts!, voice, edition!, cancellationToken) is { } refused)
        {
            return refused;
        }

        var key = $"{tts!.Name}\u001f{tts.Model}\u001f{voice}\u001f{edition}";
        if (!Samples.TryGetValue(key, out var wav))
        {
            var choice = VoiceChoice.For(tts, edition!, voice);
            try
            {
                var audio = await tts.SynthesizeAsync(new SpeechRequest(SampleSentence(edition!), edition!, choice.Voice, choice.Speed, choice.Instructions), cancellationToken);
                wav = audio.ToWav();
            }
            catch (Exception e) when (e is SpeechServiceException or InvalidSpeechAnswerException or SpeechServiceUnavailableException)
            {
                return Problems.Of(StatusCodes.Status502BadGateway, $"the speech service could not read the sample: {e.Message}");
            }

            if (Samples.Count < MaxSamples)
            {
                Samples[key] = wav;
            }
        }

        http.Response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.Bytes(wav, "audio/wav");
    }

    /// <summary>
    /// Null when <paramref name="voice"/> can read <paramref name="language"/> with <paramref name="engine"/>;
    /// otherwise a 422 that names the choices. A name off the list never reaches the engine.
    /// </summary>
    public static async Task<ProblemHttpResult?> VoiceProblemAsync(ITtsEngine engine, string voice, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        IReadOnlyList<VoiceOption> voices;
        try
        {
            voices = await engine.VoicesAsync(language, cancellationToken);
        }
        catch (MissingDependencyException e)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, e.Message);
        }

        return voices.Any(v => v.Name == voice)
            ? null
            : Problems.Of(StatusCodes.Status422UnprocessableEntity,
                $"'{Excerpt.Of(voice, 64)}' is not an {engine.Name} voice for {language}: choose one of {string.Join(", ", voices.Select(v => v.Name))}");
    }

    private static (string? Edition, ITtsEngine? Engine, ProblemHttpResult? Problem) Choice(string? language, string? engine, TtsEngines engines)
    {
        if (!Languages.IsSupported(language))
        {
            return (null, null, Problems.Of(StatusCodes.Status422UnprocessableEntity,
                $"language '{Excerpt.Of(language ?? "", 16)}' is not an edition: choose one of {string.Join(", ", Languages.Supported)}"));
        }

        if (engine is not null && !engines.TryGet(engine, out _))
        {
            return (null, null, Problems.Of(StatusCodes.Status422UnprocessableEntity,
                $"engine '{Excerpt.Of(engine)}' is not configured: choose one of {string.Join(", ", engines.Names)}"));
        }

        return (language, engines.NamedOrDefault(engine), null);
    }

    private static string SampleSentence(string language) => language == "ar"
        ? "هذا هو الصوت الذي سيقرأ عليكم أخبار اليوم بهدوء ووضوح."
        : "This is the voice that will read you today's news, calmly and clearly.";
}

/// <param name="Default">The voice an article gets when none is chosen.</param>
public sealed record VoiceList(string Language, string Engine, string Default, IReadOnlyList<VoiceListing> Voices);

/// <param name="SampleUrl">A sentence read by the voice, to hear before choosing it.</param>
public sealed record VoiceListing(string Name, string Label, string SampleUrl);
