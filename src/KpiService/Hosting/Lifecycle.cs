using JasperFx.Events.Daemon;
using KpiService.ReadModels.EventLog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KpiService.Hosting;

/// <summary>
/// A clean stop on SIGTERM (or Ctrl+C), in this order: readiness turns false and every WatchRatings stream ends (so
/// the drain is not held open by streams that never finish); Kestrel stops accepting and lets in-flight requests
/// finish (up to <see cref="DrainTimeout"/>); the async projections catch up with what was written and pause before
/// Marten's daemon is disposed (a page load cancelled mid-flight is logged by JasperFx as an error); the hosted
/// services stop; the container disposes the database, which stops the embedded PostgreSQL if this process started
/// it. The process then exits 0. A second signal is the operator insisting: the host's own handling applies.
/// </summary>
public sealed class Lifecycle(IHostApplicationLifetime lifetime, FigureChangeFeed watches, IServiceProvider services, ILogger<Lifecycle> logger)
    : IHostedService, IHealthCheck
{
    /// <summary>Kubernetes' default grace period is 30 s: finish within it, with room for the database to stop.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan ProjectionCatchUp = TimeSpan.FromSeconds(5);

    public bool Stopping { get; private set; }

    public static IServiceCollection AddLifecycle(IServiceCollection services)
    {
        services.Configure<HostOptions>(o => o.ShutdownTimeout = DrainTimeout);
        // Registered after Marten's daemon, so it stops before it (hosted services stop in reverse order, after the server).
        services.AddSingleton<Lifecycle>();
        services.AddHostedService(sp => sp.GetRequiredService<Lifecycle>());
        services.AddHealthChecks().AddCheck<Lifecycle>("lifecycle", tags: ["ready"]);
        return services;
    }

    /// <summary>Runs the service to its end: 0 after a clean stop (including a stop during start-up), 1 if it could not start.</summary>
    public static async Task<int> RunAsync(WebApplication app)
    {
        var stopRequested = app.Lifetime.ApplicationStopping;
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (OperationCanceledException) when (stopRequested.IsCancellationRequested)
        {
            return 0; // SIGTERM while starting: nothing was serving yet, so this is a clean stop too
        }
        catch (Exception e)
        {
            // The host has logged the failure and been disposed: its loggers are gone, so say it plainly on stderr.
            await Console.Error.WriteLineAsync($"KpiService could not start: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() =>
        {
            Stopping = true;
            watches.Close();
            logger.LogInformation("Stopping: not ready any more, watch streams ended, in-flight requests finishing");
        });
        return Task.CompletedTask;
    }

    private readonly Lazy<Task> _projectionsPaused = new(() => PauseProjectionsAsync(services, logger));

    // Runs once the server has drained, so nothing this replica accepted is still writing. Once: a host can be asked to
    // stop twice at the same time (WebApplicationFactory stops it while RunAsync, seeing the stop, stops and disposes
    // it too), and a second wait on a daemon the first has paused reads disposed state.
    public Task StopAsync(CancellationToken cancellationToken) => _projectionsPaused.Value;

    private static async Task PauseProjectionsAsync(IServiceProvider services, ILogger logger)
    {
        var coordinator = services.GetService<IProjectionCoordinator>();
        if (coordinator is null) return;
        var daemon = coordinator.DaemonForMainDatabase();
        try
        {
            if (daemon.CurrentAgents().Count > 0) await daemon.WaitForNonStaleData(ProjectionCatchUp);
        }
        catch (TimeoutException)
        {
            logger.LogInformation("Async projections still behind after {Seconds} s; the next leader carries on", ProjectionCatchUp.TotalSeconds);
        }
        catch (Exception e) when (Common.StoreFailures.IsUnavailable(e))
        {
            // Stopping while the database is down is still a clean stop: the projections resume wherever they were.
            logger.LogWarning("Database unreachable while stopping ({Message}); async projections resume where they were", e.Message);
        }
        await coordinator.PauseAsync();
    }

    // Stopping is planned, not a fault: Degraded, which the health service logs as a warning (Unhealthy is logged as an
    // error, and an operator's error alerts should not fire on every rollout). /health/ready answers 503 for it all the same.
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Stopping ? HealthCheckResult.Degraded("stopping") : HealthCheckResult.Healthy());
}
