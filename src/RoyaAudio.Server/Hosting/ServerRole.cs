namespace RoyaAudio.Server.Hosting;

/// <summary>
/// <c>--role web|worker|all</c> (or <c>Role</c> in configuration): web nodes answer HTTP and enqueue,
/// worker nodes render, so each can be scaled on its own. The default runs both.
/// </summary>
public sealed record ServerRole(string Name)
{
    public static readonly ServerRole All = new("all");
    public static readonly ServerRole Web = new("web");
    public static readonly ServerRole Worker = new("worker");

    public bool Serves => this == All || this == Web;

    public bool Renders => this == All || this == Worker;

    public static ServerRole From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = (configuration["Role"] ?? "all").Trim().ToLowerInvariant();
        return value switch
        {
            "all" => All,
            "web" => Web,
            "worker" => Worker,
            _ => throw new InvalidOperationException($"Role '{value}' is unknown: use --role web, --role worker or --role all"),
        };
    }
}
