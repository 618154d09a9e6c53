using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using RoyaAudio.Server.Player;

namespace RoyaAudio.Server.Tests.Player;

/// <summary>The player's settings: labels per language with English and Arabic built in, and origins that CORS and framing can use.</summary>
public sealed class PlayerOptionsTests
{
    private static (PlayerOptions Options, List<string> Problems) Bind(Dictionary<string, string?> settings)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(PlayerOptions.Section).Get<PlayerOptions>() ?? new PlayerOptions();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return (options, [.. results.Select(r => r.ErrorMessage ?? "")]);
    }

    [Fact]
    public void English_and_Arabic_labels_are_built_in_and_one_setting_overrides_one_label()
    {
        var (options, problems) = Bind(new() { ["Player:Labels:en:Download"] = "Save the MP3" });

        Assert.Empty(problems);
        Assert.Equal("Save the MP3", options.LabelsFor("en").Download);
        Assert.Equal("Listen to this story:", options.LabelsFor("en").Listen);
        Assert.Equal("استمع إلى هذا الخبر:", options.LabelsFor("ar").Listen);
        Assert.Equal("rtl", options.LabelsFor("ar").Direction);
        Assert.Equal("ملاحظة:", options.LabelsFor("ar").Note);
        Assert.Same(options.LabelsFor("en"), options.LabelsFor("fr"));
    }

    [Fact]
    public void A_new_language_must_set_every_label()
    {
        var (_, problems) = Bind(new() { ["Player:Labels:fr:Listen"] = "Écouter cet article :", ["Player:Labels:fr:Direction"] = "ltr" });

        Assert.Contains("Player:Labels:fr:Play is empty: every label of a language must be set", problems);
        Assert.Contains(problems, p => p.StartsWith("Player:Labels:fr:Note is empty", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains(":Listen ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://www.example.org", true)]
    [InlineData("http://localhost:8765", true)]
    [InlineData("https://www.example.org/", true)]
    [InlineData("https://www.example.org/news", false)]
    [InlineData("https://*.example.org", false)]
    [InlineData("www.example.org", false)]
    [InlineData("https://a.example.org; script-src *", false)]
    public void Allowed_origins_are_bare_origins(string origin, bool valid)
    {
        var (_, problems) = Bind(new() { ["Player:AllowedOrigins:0"] = origin });

        Assert.Equal(valid, problems.Count == 0);
    }
}
