using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using RoyaAudio.Articles;
using RoyaAudio.Branding;
using RoyaAudio.Stitching;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;
using RoyaAudio.Synthesis.Verification;

namespace RoyaAudio.Cli.Commands;

/// <summary>
/// Settings for one CLI run: the same sections as the service's appsettings (Audio, Publication,
/// Tts:Espeak, Verification), from an optional JSON file and ROYA_-prefixed environment variables, validated up front.
/// </summary>
internal sealed class CliSettings
{
    public AudioOptions Audio { get; } = new();

    public PublicationOptions Publication { get; } = new();

    public EspeakOptions Espeak { get; } = new();

    public RemoteTtsOptions AzureOpenAi { get; } = new();

    public RemoteTtsOptions OpenAi { get; } = new() { Endpoint = "https://api.openai.com/v1" };

    public VerificationOptions Verification { get; } = new();

    public BrandingOptions Branding { get; } = new();

    public DisclosureOptions Disclosure { get; } = new();

    public static CliSettings Load(FileInfo? configFile)
    {
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            if (!configFile.Exists)
            {
                throw new UsageException($"configuration file not found: {configFile.FullName}");
            }

            builder.AddJsonFile(configFile.FullName, optional: false);
        }

        var configuration = builder.AddEnvironmentVariables("ROYA_").Build();
        var settings = new CliSettings();
        configuration.GetSection(AudioOptions.Section).Bind(settings.Audio);
        configuration.GetSection(PublicationOptions.Section).Bind(settings.Publication);
        configuration.GetSection("Tts:Espeak").Bind(settings.Espeak);
        configuration.GetSection("Tts:AzureOpenAI").Bind(settings.AzureOpenAi);
        configuration.GetSection("Tts:OpenAI").Bind(settings.OpenAi);
        configuration.GetSection("Verification").Bind(settings.Verification);
        configuration.GetSection(BrandingOptions.Section).Bind(settings.Branding.Editions);
        configuration.GetSection(DisclosureOptions.Section).Bind(settings.Disclosure);
        Validate(settings.Audio);
        Validate(settings.Publication);
        Validate(settings.Branding);
        return settings;
    }

    public static void Validate<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(TOptions options)
        where TOptions : class
    {
        if (SettingsValidation.Problems(options) is { Count: > 0 } problems)
        {
            throw new UsageException("invalid configuration: " + string.Join("; ", problems));
        }
    }
}
