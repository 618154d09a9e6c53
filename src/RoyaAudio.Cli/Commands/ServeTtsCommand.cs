using System.CommandLine;
using RoyaAudio.SpeechServer;

namespace RoyaAudio.Cli.Commands;

/// <summary>
/// <c>roya-audio serve-tts</c>: a local stand-in for Azure OpenAI and OpenAI speech, on 127.0.0.1,
/// so the remote engines can be tried (and broken on purpose) without an account.
/// </summary>
internal static class ServeTtsCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1", DefaultValueFactory = _ => 5099 };
        var key = new Option<string>("--key") { Description = "The key clients must send (api-key header or Bearer)", DefaultValueFactory = _ => "local-key" };
        var rateLimit = Share("--rate-limit-share", "Share of requests answered 429 with Retry-After");
        var retryAfter = new Option<int>("--retry-after") { Description = "Seconds in Retry-After", DefaultValueFactory = _ => 1 };
        var serverError = Share("--server-error-share", "Share answered 500 or 503");
        var stall = Share("--stall-share", "Share that stall before answering");
        var stallSeconds = new Option<int>("--stall-seconds") { Description = "How long a stall lasts", DefaultValueFactory = _ => 30 };
        var truncated = Share("--truncated-share", "Share whose audio is cut off mid-body");
        var wrongType = Share("--wrong-content-type-share", "Share answered 200 with an HTML page");
        var empty = Share("--empty-share", "Share answered 200 with no audio");
        var latency = new Option<int>("--latency-ms") { Description = "Added to every successful answer" };
        var seed = new Option<int>("--seed") { Description = "Seed of the fault draws", DefaultValueFactory = _ => 1 };
        var dropLast = new Option<int>("--drop-last-sentence") { Description = "The next N answers of two or more sentences leave out the last one (transcription hears it missing)" };
        var repeatFirst = new Option<int>("--repeat-first-sentence") { Description = "The next N answers say their first sentence twice" };
        var extraSpeech = new Option<int>("--extra-speech") { Description = "The next N answers go on for about 10 s after the input" };
        var misheard = new Option<int>("--misheard-word") { Description = "The next N transcripts have one word wrong" };
        var transcriptionOutage = new Option<bool>("--transcription-outage") { Description = "Both transcription endpoints answer 503" };
        var quota = new Option<int>("--quota-per-minute")
        {
            Description = "Requests a minute admitted, judged like Azure over any sliding 10 s window (a sixth of it there); beyond: 429 with Retry-After. 0: no quota",
        };
        quota.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--quota-per-minute must be 0 (no quota) or more");
            }
        });

        var command = new Command("serve-tts", "Run a local Azure OpenAI / OpenAI-compatible speech server backed by espeak-ng, which also transcribes what it said")
        {
            port, key, rateLimit, retryAfter, serverError, stall, stallSeconds, truncated, wrongType, empty, latency, seed, quota,
            dropLast, repeatFirst, extraSpeech, misheard, transcriptionOutage,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.Guard(async () =>
        {
            var options = new SpeechServerOptions
            {
                ApiKey = parse.GetRequiredValue(key),
                AddedLatencyMs = parse.GetValue(latency),
                QuotaPerMinute = parse.GetValue(quota),
                Faults = new FaultOptions
                {
                    RateLimitShare = parse.GetValue(rateLimit),
                    RetryAfterSeconds = parse.GetValue(retryAfter),
                    ServerErrorShare = parse.GetValue(serverError),
                    StallShare = parse.GetValue(stall),
                    StallSeconds = parse.GetValue(stallSeconds),
                    TruncatedShare = parse.GetValue(truncated),
                    WrongContentTypeShare = parse.GetValue(wrongType),
                    EmptyAudioShare = parse.GetValue(empty),
                    Seed = parse.GetValue(seed),
                },
                Content = new ContentFaults
                {
                    DropLastSentence = parse.GetValue(dropLast),
                    RepeatFirstSentence = parse.GetValue(repeatFirst),
                    ExtraSpeech = parse.GetValue(extraSpeech),
                    MisheardWord = parse.GetValue(misheard),
                    TranscriptionOutage = parse.GetValue(transcriptionOutage),
                },
            };
            await using var server = await LocalSpeechServer.StartAsync(options, parse.GetValue(port), cancellationToken);
            await Console.Error.WriteLineAsync($"speech server on {server.BaseAddress} (Azure: {server.BaseAddress}openai/deployments/NAME/audio/speech and …/audio/transcriptions, OpenAI: {server.BaseAddress}v1/audio/speech and v1/audio/transcriptions); Ctrl+C stops it");
            Console.WriteLine(server.BaseAddress);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: a normal stop.
            }

            return CommandRunner.Success;
        }));
        return command;
    }

    private static Option<double> Share(string name, string description)
    {
        var option = new Option<double>(name) { Description = description + " (0-1)" };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (value is < 0 or > 1)
            {
                result.AddError($"{name} must be between 0 and 1");
            }
        });
        return option;
    }
}
