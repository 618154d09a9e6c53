using System.Net.Http.Json;
using System.Text.Json;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Hosting;

/// <summary>The OpenAPI document describes the HTTP surface the README promises.</summary>
[Collection(ServiceTests.Name)]
public sealed class OpenApiTests : IDisposable
{
    private readonly TestService _service = new(postgres: null);

    public void Dispose() => _service.Dispose();

    [Theory]
    [InlineData("/api/articles", "post")]
    [InlineData("/api/articles/{id}", "delete")]
    [InlineData("/api/articles/{id}/audio", "get")]
    [InlineData("/api/articles/{id}/audio/regenerate", "post")]
    [InlineData("/api/articles/{id}/script", "get")]
    [InlineData("/api/lexicon/{language}/{term}", "put")]
    [InlineData("/api/backfill", "post")]
    [InlineData("/healthz", "get")]
    public async Task The_document_lists_each_route(string path, string method)
    {
        using var http = _service.CreateClient();
        var document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var operations), $"{path} is not in the document");
        Assert.True(operations.TryGetProperty(method, out _), $"{method} {path} is not in the document");
    }
}
