using Microsoft.AspNetCore.Http.HttpResults;
using RoyaAudio.Server.Articles;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Renditions;
using RoyaAudio.Server.Security;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Review;

/// <summary>The current audio's loudness over time with its sentences, flagged ones marked: what the desk draws.</summary>
public static class WaveformEndpoints
{
    public static void MapWaveform(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/articles/{id}/waveform", GetAsync).WithTags("Editors").RequireAuthorization(Policies.Editor)
            .WithSummary("Loudness levels (base64, one byte each, 0-100) and sentence marks of the audio listeners hear");

    private static async Task<Results<Ok<WaveformView>, ProblemHttpResult>> GetAsync(
        string id, ArticleStore articles, RenditionStore renditions, CancellationToken cancellationToken)
    {
        var article = await articles.GetAsync(id, cancellationToken);
        var current = article?.CurrentRenditionId is { } rendition ? await renditions.GetAsync(rendition, cancellationToken) : null;
        if (current is null || RenditionRecord.Read(current.Record, current.Manifest) is not { } record)
        {
            return Problems.NotFound($"audio of article '{Excerpt.Of(id)}'");
        }

        var flagged = record.Verification?.Flagged.ToHashSet() ?? [];
        return TypedResults.Ok(new WaveformView(
            id, current.Id, record.DurationMs, record.Waveform?.PerSecond ?? 0, record.Waveform?.Levels ?? "",
            [.. record.Sentences.Select(s => new WaveformSentence(s.Index, s.StartMs, s.EndMs, flagged.Contains(s.Index)))]));
    }
}

/// <param name="Levels">Base64, one byte a level from 0 (−60 dBFS or less) to 100 (full scale); empty for audio of earlier releases.</param>
public sealed record WaveformView(string ArticleId, long RenditionId, long DurationMs, int PerSecond, string Levels, IReadOnlyList<WaveformSentence> Sentences);

public sealed record WaveformSentence(int Index, long StartMs, long EndMs, bool Flagged);
