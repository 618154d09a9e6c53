using Hangfire;
using RoyaAudio.Server.Database;
using RoyaAudio.Server.Jobs;

namespace RoyaAudio.Server.Hosting;

/// <summary>
/// Runs before Hangfire starts working: tables are created or upgraded, and with the embedded store
/// (whose jobs live in memory) every rendition still waiting is enqueued again, so a restart loses no
/// accepted article.
/// </summary>
public sealed class StartupTasks(
    AppDatabase database, IServiceProvider services, ServerRole role, ILogger<StartupTasks> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        if (!role.Renders)
        {
            return;
        }

        services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<MaintenanceJob>(MaintenanceJob.Id, Queues.Publish, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        if (!database.IsPostgres)
        {
            using var scope = services.CreateScope();
            var requeued = await scope.ServiceProvider.GetRequiredService<MaintenanceJob>().RequeueLostAsync(TimeSpan.Zero, cancellationToken);
            log.LogInformation("embedded store: {Count} waiting renditions enqueued again", requeued);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
