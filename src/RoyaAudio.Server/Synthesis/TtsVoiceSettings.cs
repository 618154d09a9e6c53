using Microsoft.Extensions.Options;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Server.Synthesis;

/// <summary>
/// Refuses at start-up a default voice (Tts:Espeak:Voices, Tts:AzureOpenAI:Voices, Tts:OpenAI:Voices)
/// that cannot read its edition, naming the choices, rather than failing every render that uses it.
/// espeak-ng is asked for its voices only when it is installed; health reports it missing otherwise.
/// </summary>
public sealed class TtsVoiceSettings : IValidateOptions<TtsOptions>
{
    public ValidateOptionsResult Validate(string? name, TtsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var espeak = new EspeakEngine(options.Espeak);
        if (espeak.MissingPrerequisite is null)
        {
            Check("Tts:Espeak:Voices", espeak, options.Espeak.Voices);
        }

        foreach (var (section, remote) in new[] { ("Tts:AzureOpenAI", options.AzureOpenAI), ("Tts:OpenAI", options.OpenAI) })
        {
            foreach (var (language, voice) in remote?.Voices ?? [])
            {
                var choices = remote!.VoiceChoices.TryGetValue(language, out var configured) ? configured : RemoteTtsOptions.ServiceVoicesOf(remote.Model);
                if (!choices.Contains(voice))
                {
                    problems.Add($"{section}:Voices:{language} is '{voice}', which is not among its voice choices ({string.Join(", ", choices)}); set it to one of them or add it to {section}:VoiceChoices:{language}");
                }
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);

        void Check(string setting, ITtsEngine engine, Dictionary<string, string> voices)
        {
            foreach (var (language, voice) in voices)
            {
                var choices = engine.VoicesAsync(language, CancellationToken.None).GetAwaiter().GetResult();
                if (choices.All(v => v.Name != voice))
                {
                    problems.Add($"{setting}:{language} is '{voice}', which is not an espeak-ng voice for {language}: choose one of {string.Join(", ", choices.Select(v => v.Name))}");
                }
            }
        }
    }
}
