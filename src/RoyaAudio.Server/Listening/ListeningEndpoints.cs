namespace RoyaAudio.Server.Listening;

/// <summary>Listening analytics without personal data, and the podcast feeds.</summary>
public static class ListeningEndpoints
{
    public static void MapListening(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
    }
}
