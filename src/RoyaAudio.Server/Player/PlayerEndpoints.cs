namespace RoyaAudio.Server.Player;

/// <summary>The "Listen to this story" player: script, styles, the web component and the embed page.</summary>
public static class PlayerEndpoints
{
    public static void MapPlayer(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
    }
}
