namespace RoyaAudio.Server.Player;

/// <summary>Section <c>Player</c>: which article sites may call the public audio API from the browser.</summary>
public sealed class PlayerOptions
{
    public const string Section = "Player";

    /// <summary>Origins of the newsroom's article pages (e.g. https://www.example.org); CORS is refused for any other.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
