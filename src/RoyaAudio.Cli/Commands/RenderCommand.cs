using System.CommandLine;
using System.Diagnostics;
using RoyaAudio.Articles;
using RoyaAudio.Branding;
using RoyaAudio.Rendering;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;
using RoyaAudio.Synthesis.Verification;
using RoyaAudio.Text;

namespace RoyaAudio.Cli.Commands;

/// <summary><c>roya-audio render article.json</c>: the MP3, its manifest, captions and a page to play it.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var article = new Argument<FileInfo>("article") { Description = "Article JSON file (id, language, title, body)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for <id>.mp3, <id>.json, <id>.vtt and <id>.html", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var engine = new Option<string>("--engine") { Description = "TTS engine: espeak (local), azure-openai or openai", DefaultValueFactory = _ => "espeak" };
        engine.AcceptOnlyFromAmong("espeak", OpenAiSpeechEngine.AzureName, OpenAiSpeechEngine.OpenAiName);
        var endpoint = new Option<string?>("--endpoint") { Description = "Remote engines: the service URL (Azure: https://NAME.openai.azure.com/; OpenAI-compatible: base URL ending in /v1)" };
        var deployment = new Option<string?>("--deployment") { Description = "azure-openai: the speech deployment" };
        var model = new Option<string?>("--model") { Description = "Remote engines: the speech model (openai: sent; azure-openai: the deployment's model, for instructions and price)" };
        var deadline = new Option<int>("--deadline") { Description = "Give up on the render after this many seconds", DefaultValueFactory = _ => 1800 };
        var voice = new Option<string?>("--voice") { Description = "Voice name (default: the engine's voice for the article's language)" };
        var transcriptionDeployment = new Option<string?>("--transcription-deployment") { Description = "azure-openai: a transcription deployment that hears every new unit back (Verification:TranscriptionDeployment)" };
        var transcriptionModel = new Option<string?>("--transcription-model") { Description = "openai: a transcription model that hears every new unit back (Verification:TranscriptionModel)" };
        var cache = new Option<DirectoryInfo?>("--cache") { Description = "Unit cache directory (default: ~/.cache/roya-audio/units)" };
        var intro = new Option<string?>("--intro") { Description = "Read this line first, or play this .wav/.mp3 file (Branding:{edition}:IntroText / IntroFile)" };
        var outro = new Option<string?>("--outro") { Description = "Read this line last, or play this .wav/.mp3 file (Branding:{edition}:OutroText / OutroFile)" };
        var spokenDisclosure = new Option<SpokenDisclosure?>("--spoken-disclosure") { Description = "Speak the AI note at the start, at the end (default) or not at all (Disclosure:Spoken)" };
        var lexicon = Shared.LexiconOption();
        var config = Shared.ConfigOption();

        var command = new Command("render", "Render an article to MP3 with sentence timings")
        {
            article, output, engine, endpoint, deployment, model, voice, cache, lexicon, config, deadline, transcriptionDeployment, transcriptionModel,
            intro, outro, spokenDisclosure,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.Guard(async () =>
        {
            var settings = CliSettings.Load(parse.GetValue(config));
            var input = ArticleReader.ReadFile(parse.GetRequiredValue(article).FullName);
            var words = Shared.ReadLexicon(parse.GetValue(lexicon));
            var unitCache = new UnitCache(parse.GetValue(cache)?.FullName ?? UnitCache.DefaultDirectory());
            var tts = Engines.Create(parse.GetRequiredValue(engine), settings, parse.GetValue(endpoint), parse.GetValue(deployment), parse.GetValue(model));
            await Engines.CheckVoiceAsync(tts, input.Language, parse.GetValue(voice), cancellationToken);
            var verifier = Engines.Verifier(tts, settings, unitCache, parse.GetValue(transcriptionDeployment), parse.GetValue(transcriptionModel));
            var framing = Framing(settings, input.Language, parse.GetValue(intro), parse.GetValue(outro), parse.GetValue(spokenDisclosure));
            var renderer = new RenditionRenderer(tts, unitCache, settings.Audio, settings.Publication, TimeProvider.System, verifier, framing);
            using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeLimit.CancelAfter(TimeSpan.FromSeconds(parse.GetValue(deadline)));

            var clock = Stopwatch.StartNew();
            var progress = new Progress<string>(message => Console.Error.WriteLine(message));
            var outDirectory = parse.GetRequiredValue(output).FullName;
            RenderedFiles files;
            try
            {
                files = await renderer.RenderAsync(input, words, outDirectory, parse.GetValue(voice), progress, timeLimit.Token);
            }
            catch (OperationCanceledException) when (timeLimit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the render did not finish within {parse.GetValue(deadline)} s (--deadline)");
            }

            var page = PreviewPage.Write(files, input);

            var m = files.Manifest;
            await Console.Error.WriteLineAsync(
                $"{m.ArticleId}: {m.DurationMs / 1000.0:F1} s, {m.Sentences.Count} sentences, {m.LoudnessLufs:F1} LUFS, " +
                $"true peak {m.TruePeakDbtp:F1} dBTP, {m.Characters} characters sent in {m.Requests} requests ({m.Retries} retries), " +
                $"{m.CacheHits} units cached{Checks(m.Verification)}, est. ${m.EstimatedCostUsd:F4}, {clock.Elapsed.TotalSeconds:F2} s");
            foreach (var note in m.Verification?.Notes ?? [])
            {
                await Console.Error.WriteLineAsync($"{m.ArticleId}: {note}");
            }

            Console.WriteLine($"manifest: {files.ManifestPath}");
            Console.WriteLine($"captions: {files.CaptionsPath}");
            Console.WriteLine($"page:     {page}");
            Console.WriteLine(files.Mp3Path);
            return CommandRunner.Success;
        }));
        return command;
    }

    /// <summary>The cost line's account of the checks: what was checked, heard, read again and left for an editor.</summary>
    /// <summary>The settings' intro, outro and spoken note, with what the command line says instead.</summary>
    private static ProgrammeFraming Framing(CliSettings settings, string language, string? intro, string? outro, SpokenDisclosure? spoken)
    {
        if (intro is not null || outro is not null)
        {
            var branding = settings.Branding.For(language);
            settings.Branding.Editions[language] = new EditionBranding
            {
                IntroText = intro is null ? branding.IntroText : IsRecording(intro) ? null : intro,
                IntroFile = intro is null ? branding.IntroFile : IsRecording(intro) ? intro : null,
                OutroText = outro is null ? branding.OutroText : IsRecording(outro) ? null : outro,
                OutroFile = outro is null ? branding.OutroFile : IsRecording(outro) ? outro : null,
            };
            CliSettings.Validate(settings.Branding);
        }

        if (spoken is { } where)
        {
            settings.Disclosure.Spoken = where;
        }

        return new ProgrammeFraming(settings.Branding, settings.Disclosure, settings.Publication);
    }

    /// <summary>A value ending in .wav or .mp3 names a recording; anything else is a line to read.</summary>
    private static bool IsRecording(string value) =>
        Path.GetExtension(value.Trim()).ToLowerInvariant() is ".wav" or ".mp3" && value.IndexOfAny(['\n', '\r']) < 0;

    private static string Checks(VerificationSummary? v) => v is null ? "" :
        $", {v.CheckedUnits} checked ({v.TranscribedUnits} transcribed, {v.TranscribedSeconds / 60:F2} min), {v.Mismatches} mismatched, " +
        $"{v.Resynthesised} read again, {v.Flagged.Count} sentences flagged" + (v.Flagged.Count > 0 ? $" ({string.Join(", ", v.Flagged.Select(i => i + 1))})" : "");
}

internal static class Shared
{
    public static Option<FileInfo?> LexiconOption() =>
        new("--lexicon") { Description = "Pronunciation lexicon JSON: {\"en\": {\"term\": \"respelling\"}, \"ar\": {...}}" };

    public static Option<FileInfo?> ConfigOption() =>
        new("--config") { Description = "Settings JSON with the service's sections (Audio, Publication, Tts)" };

    public static PronunciationLexicon ReadLexicon(FileInfo? file) =>
        file is null ? PronunciationLexicon.Empty : PronunciationLexicon.ReadFile(file.FullName);
}
