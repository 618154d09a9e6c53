using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RoyaAudio.Server.Synthesis;
using RoyaAudio.Server.Tests.Support;
using RoyaAudio.SpeechServer;
using RoyaAudio.Synthesis;

namespace RoyaAudio.Server.Tests.Synthesis;

/// <summary>Tts:Budget and the character quota: validated at start, and a cluster budget is a row in PostgreSQL.</summary>
[Collection(ServiceTests.Name)]
public sealed class TtsBudgetSettingTests
{
    private const string Key = "budget-setting-key";

    private static List<string> Problems(Dictionary<string, string?> settings)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(TtsOptions.Section).Get<TtsOptions>() ?? new TtsOptions();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }

    [Fact]
    public void An_unknown_budget_or_a_character_quota_below_one_is_named_at_start()
    {
        Assert.Empty(Problems(new() { ["Tts:Budget"] = "process", ["Tts:OpenAI:Endpoint"] = "https://api.openai.com/v1", ["Tts:OpenAI:CharactersPerMinute"] = "90000" }));

        var problems = Problems(new() { ["Tts:Budget"] = "shared", ["Tts:OpenAI:Endpoint"] = "https://api.openai.com/v1", ["Tts:OpenAI:CharactersPerMinute"] = "0" });

        Assert.Contains(problems, p => p.StartsWith("Tts:Budget 'shared' is unknown: use cluster", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Tts:OpenAI: Tts CharactersPerMinute must be at least 1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cluster", 1)]
    [InlineData("process", 0)]
    public async Task On_PostgreSQL_the_cluster_budget_is_a_row_per_deployment_and_the_process_budget_none(string budget, long rows)
    {
        await using var speech = await LocalSpeechServer.StartAsync(new SpeechServerOptions { ApiKey = Key });
        var database = new TestPostgres();
        await database.InitializeAsync();
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", Key);
        try
        {
            using (var service = new TestService(database.ConnectionString, new Dictionary<string, string?>
            {
                ["Role"] = "web",
                ["Tts:Provider"] = "openai",
                ["Tts:OpenAI:Endpoint"] = new Uri(speech.BaseAddress, "v1").ToString(),
                ["Tts:OpenAI:Model"] = "tts-1",
                ["Tts:Budget"] = budget,
            }))
            {
                using var http = service.CreateClient(); // starts the host: the schema is migrated
                var engine = service.Services.GetRequiredService<TtsEngines>().Default;
                await engine.SynthesizeAsync(new SpeechRequest("The budget is shared.", "en", "alloy", 1.0), CancellationToken.None);
            }

            Assert.Equal(rows, await database.ScalarAsync<long>(
                $"SELECT COUNT(*) FROM tts_budget WHERE budget = 'openai 127.0.0.1:{speech.BaseAddress.Port}/v1 tts-1'"));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}
