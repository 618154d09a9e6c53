using Microsoft.Extensions.Options;
using RoyaAudio.Server.Hosting;
using RoyaAudio.Server.Security;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Player;

/// <summary>
/// A site that embeds the player without being in <c>Player:AllowedOrigins</c> sees an empty box and a CORS error
/// in its own console only; this tells the operator, once an hour per origin and node, which origin to add.
/// Memory stays bounded under a flood of made-up Origin headers: at most <see cref="MaxOrigins"/> origins are
/// remembered an hour, and past that one line says more were refused unnamed until the hour turns.
/// </summary>
public sealed partial class RefusedOrigins(IOptions<PlayerOptions> player, PublicAddress address, TimeProvider clock, ILogger<RefusedOrigins> logger)
{
    internal const int MaxOrigins = 1000;

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly HashSet<string> _allowed = new(player.Value.AllowedOrigins.Select(PlayerOptions.OriginOf).OfType<string>(), StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _told = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private bool _toldFull;

    /// <summary>Notes a browser request to the public audio API or listening events from an origin that may not use them.</summary>
    public void Notice(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || _allowed.Contains(origin)
            || string.Equals(origin, address.Origin(request), StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        // An origin is short; anything longer is named by its start only, and remembered so.
        var named = Excerpt.Of(origin);
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (now - _windowStart >= Window)
            {
                _windowStart = now;
                _told.Clear();
                _toldFull = false;
            }

            if (_told.Count >= MaxOrigins)
            {
                if (!_toldFull)
                {
                    _toldFull = true;
                    LogTooMany(logger, MaxOrigins);
                }

                return;
            }

            if (!_told.Add(named))
            {
                return;
            }
        }

        LogRefused(logger, named, request.Path.Value ?? "");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "A page at {Origin} called {Path} from the browser and was refused: add that origin to Player:AllowedOrigins if it is one of the newsroom's article sites (said once an hour per origin)")]
    private static partial void LogRefused(ILogger logger, string origin, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "More than {Count} origins not in Player:AllowedOrigins called the public audio API this hour; the others go unnamed until the hour turns")]
    private static partial void LogTooMany(ILogger logger, int count);
}

/// <summary>Wires <see cref="RefusedOrigins"/> in front of CORS for the paths article pages call.</summary>
public static class RefusedOriginsMiddleware
{
    public static IApplicationBuilder UseRefusedOriginWarnings(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (SecurityHeaders.IsPublicApi(context.Request.Path))
            {
                context.RequestServices.GetRequiredService<RefusedOrigins>().Notice(context.Request);
            }

            await next(context);
        });
}
