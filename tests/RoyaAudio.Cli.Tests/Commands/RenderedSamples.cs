using System.Text.Json;

namespace RoyaAudio.Tests.Commands;

/// <summary>Renders the English and Arabic samples once, with a fresh cache, for every test that measures them.</summary>
public sealed class RenderedSamples : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("roya-render-").FullName;

    public string Cache => Path.Combine(Directory, "cache");

    public Dictionary<string, Rendered> ByName { get; } = [];

    public async Task InitializeAsync()
    {
        foreach (var name in new[] { "roya-putin-iran", "roya-amman-weather-ar" })
        {
            var result = await CliProcess.RunAsync("render", CliProcess.Sample(name + ".json"), "--out", Path.Combine(Directory, "out"),
                "--cache", Cache, "--lexicon", CliProcess.Sample("lexicon.json"));
            var script = await CliProcess.RunAsync("script", CliProcess.Sample(name + ".json"), "--json", "--lexicon", CliProcess.Sample("lexicon.json"));
            ByName[name] = new Rendered(result, script);
        }
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed record Rendered(CliResult Render, CliResult Script)
{
    public string Mp3 => Render.LastLine;

    public JsonElement Manifest => JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(Mp3, ".json"))).RootElement;

    public List<(long Start, long End, string Text, int Paragraph)> Sentences =>
        [.. Manifest.GetProperty("sentences").EnumerateArray().Select(s => (
            s.GetProperty("startMs").GetInt64(), s.GetProperty("endMs").GetInt64(),
            s.GetProperty("text").GetString()!, s.GetProperty("paragraph").GetInt32()))];
}
