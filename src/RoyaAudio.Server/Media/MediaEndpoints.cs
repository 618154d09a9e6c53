using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Media;

/// <summary>
/// <c>GET /media/{key}</c> for disk storage: range requests (206), an ETag from the content hash and a
/// year-long immutable cache, since a key never changes content. Only valid keys resolve, so a path
/// from a request never leaves the store's folder.
/// </summary>
public static class MediaEndpoints
{
    public static void MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapMethods(MediaUrls.Route + "/{**key}", ["GET", "HEAD"], Serve)
            .WithTags("Listeners").WithSummary("A stored MP3 or caption file (disk storage), with range requests")
            .Produces(StatusCodes.Status200OK, contentType: "audio/mpeg").Produces(StatusCodes.Status206PartialContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> Serve(string key, HttpContext http, IAudioStore store)
    {
        if (store.LocalRoot is not { } root || !StorageKey.TryParse(key, out var parsed) || !parsed.IsForListeners)
        {
            return Problems.NotFound("this media file");
        }

        var path = parsed.PathUnder(root);
        if (!File.Exists(path))
        {
            return Problems.NotFound("this media file");
        }

        if (http.Request.Headers.Range.ToString() is { Length: > 0 } range && !range.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            // Only byte ranges exist for a file; another unit (items=0-10) is ignored, as RFC 9110 says, and the whole file is sent.
            http.Request.Headers.Remove("Range");
        }

        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        var modified = File.GetLastWriteTimeUtc(path);
        return TypedResults.PhysicalFile(path, parsed.ContentType, lastModified: modified, entityTag: new EntityTagHeaderValue($"\"{parsed.ContentHash}\""), enableRangeProcessing: true);
    }
}
