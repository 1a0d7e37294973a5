using KpiService.EventStore;
using KpiService.Infrastructure;

namespace KpiService.Projections;

/// <summary>Runs the async projections on whichever replica holds the advisory lock; the others stand by and take over.</summary>
public sealed class ProjectionWorker(DatabaseProvider database, ILogger<ProjectionWorker> logger) : BackgroundService
{
    private ProjectionRunner? _runner;

    public bool IsLeader => _runner?.IsLeader ?? false;

    public static IAsyncProjection[] Projections => [new ClientActivityProjection()];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _runner = new ProjectionRunner(database.Database.Events, Projections, batchSize: 5_000);
        logger.LogInformation("Async projections start; one replica at a time runs them");
        await _runner.RunAsync(TimeSpan.FromMilliseconds(500), stoppingToken);
    }
}
