using Hangfire;
using Microsoft.Extensions.Options;
using RoyaAudio.Server.Database;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Hosting;

/// <summary>
/// Runs before Hangfire starts working: tables are created or upgraded, and with the embedded store
/// (whose jobs live in memory) every rendition still waiting is enqueued again, so a restart loses no
/// accepted article.
/// </summary>
public sealed class StartupTasks(
    AppDatabase database, IServiceProvider services, ServerRole role, IOptions<JobOptions> jobs, ILogger<StartupTasks> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await database.MigrateAsync(cancellationToken);
        if (applied.Count > 0)
        {
            log.LogInformation("database upgraded: {Scripts}", string.Join(", ", applied));
        }

        if (role.Serves && services.GetRequiredService<IOptions<ServiceOptions>>().Value.PublicRoot is null)
        {
            log.LogWarning(
                "Service:PublicBaseUrl is not set: media, feed and embed URLs are built from each request's Host header. "
                + "In production set it (e.g. https://audio.example.org/) and AllowedHosts to the names the service answers to");
        }

        if (role.Serves && await services.GetRequiredService<IAudioStore>().ListenerAccessProblemAsync(cancellationToken) is { } problem)
        {
            log.LogError("listeners cannot play audio: {Problem}", problem);
        }

        if (!role.Renders)
        {
            return;
        }

        var swept = RoyaAudio.Rendering.RenderScratch.RemoveOrphans(jobs.Value.RenderScratchRoot);
        if (swept > 0)
        {
            log.LogInformation("removed {Count} render scratch folders left by killed workers", swept);
        }

        services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<MaintenanceJob>(MaintenanceJob.Id, Queues.Publish, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<OrphanSweepJob>(OrphanSweepJob.Id, Queues.Publish, j => j.RunAsync(CancellationToken.None), Cron.Daily(3));
        ScheduleBulletins();
        if (!database.IsPostgres)
        {
            using var scope = services.CreateScope();
            var requeued = await scope.ServiceProvider.GetRequiredService<MaintenanceJob>().RequeueLostAsync(TimeSpan.Zero, cancellationToken);
            log.LogInformation("embedded store: {Count} waiting renditions enqueued again", requeued);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Each edition with <c>Bulletin:{edition}:At</c> builds daily at that local time; the others' schedules are removed.</summary>
    private void ScheduleBulletins()
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        var bulletins = services.GetRequiredService<IOptions<Bulletins.BulletinOptions>>().Value;
        foreach (var code in RoyaAudio.Editions.EditionRegistry.Default.Codes)
        {
            var id = Bulletins.BulletinJob.RecurringPrefix + code;
            var edition = bulletins.For(code);
            if (edition.LocalTime is { } at)
            {
                recurring.AddOrUpdate<Bulletins.BulletinJob>(
                    id, Queues.Publish, j => j.ScheduledAsync(code, CancellationToken.None), Cron.Daily(at.Hour, at.Minute),
                    new RecurringJobOptions { TimeZone = edition.Zone ?? TimeZoneInfo.Utc });
            }
            else
            {
                recurring.RemoveIfExists(id);
            }
        }
    }
}
