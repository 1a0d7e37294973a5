using KpiService.ReadModels.Benchmarks;
using KpiService.ReadModels.Reference;
using Marten;
using Npgsql;

namespace KpiService.Hosting;

/// <summary>
/// What must happen before the first request is served, in order: a database of the first event store is moved
/// onto Marten, the schema is current (Marten's and the read models'), the shipped reference data is seeded once, the log follower knows where the log ends, the reference
/// snapshot is loaded (after that point, so no change can fall between the two), and LAIT's published figures are in
/// (through the import a user calls).
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
        // Replicas started together do this one at a time: the next finds the work done, instead of racing the first
        // and having Marten log each losing append of the seed as an error.
        NpgsqlConnection? firstStart = null;
        await RetryWhileUnreachableAsync(async () => firstStart = await LockFirstStartAsync(cancellationToken), cancellationToken);
        await using var release = firstStart!;
        await legacy.SetAsideAsync(cancellationToken);
        await BenchmarksTable.UpgradeAsync(services.GetRequiredService<KpiDatabase>().DataSource, cancellationToken);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await legacy.ImportAsync(cancellationToken);
        await services.GetRequiredService<ReferenceSeeder>().SeedAsync(cancellationToken);
        await services.GetRequiredService<EventFollower>().StartAtHeadAsync(cancellationToken);
        await services.GetRequiredService<ReferenceStore>().ReloadAsync(cancellationToken);

        await services.GetRequiredService<PublishedFiguresSeed>().LoadAsync(cancellationToken);
    }

    /// <summary>A session advisory lock, held on its own connection until start-up is done (closing it releases the lock).</summary>
    private async Task<NpgsqlConnection> LockFirstStartAsync(CancellationToken cancellationToken)
    {
        var connection = await services.GetRequiredService<KpiDatabase>().OpenUnpooledAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({FirstStartLockId})", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Our own key, beside the daemon's (<see cref="MartenSetup.DaemonLockId"/>).</summary>
    public const long FirstStartLockId = MartenSetup.DaemonLockId + 1L;

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
