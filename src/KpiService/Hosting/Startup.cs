using KpiService.Features.Peers;
using KpiService.ReadModels.Reference;
using Marten;

namespace KpiService.Hosting;

/// <summary>
/// What must happen before the first request is served, in order: a database of the first event store is moved
/// onto Marten, the schema is current (Marten's and the read models'), the shipped reference data is seeded once, the log follower knows where the log ends, the reference
/// snapshot is loaded (after that point, so no change can fall between the two), and published LAIT figures are in.
/// </summary>
public sealed class Startup(IServiceProvider services, ILogger<Startup> logger) : IHostedService
{
    // Registered before every other hosted service (the log follower, Marten's daemon) and before the server starts.
    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var legacy = services.GetRequiredService<LegacyStoreMigration>();
        await RetryWhileUnreachableAsync(() => legacy.SetAsideAsync(cancellationToken), cancellationToken);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await legacy.ImportAsync(cancellationToken);
        await services.GetRequiredService<ReferenceSeeder>().SeedAsync(cancellationToken);
        await services.GetRequiredService<EventFollower>().StartAtHeadAsync(cancellationToken);
        await services.GetRequiredService<ReferenceStore>().ReloadAsync(cancellationToken);

        await using var scope = services.CreateAsyncScope();
        var benchmarks = scope.ServiceProvider.GetRequiredService<BenchmarkImporter>();
        if (!await benchmarks.HasSourceAsync("LAIT", cancellationToken))
        {
            var rows = await benchmarks.ImportLaitAsync(Path.Combine(ReferenceSeeder.Directory, "lait-key-csc-kpis-2016-2025.csv"), cancellationToken);
            logger.LogInformation("Imported {Rows} published LAIT benchmark figures", rows);
        }
    }

    // A database container may still be starting when the service does.
    private async Task RetryWhileUnreachableAsync(Func<Task> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { await action(); return; }
            catch (Exception e) when (attempt < 30 && Common.StoreFailures.IsUnavailable(e))
            {
                logger.LogWarning("Database not reachable yet ({Message}); retrying", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
