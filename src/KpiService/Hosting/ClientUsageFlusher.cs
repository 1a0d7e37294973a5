using KpiService.ReadModels.Access;
using Marten;

namespace KpiService.Hosting;

/// <summary>Stores the clients' last-used times every few seconds, and once more on a clean stop.</summary>
public sealed class ClientUsageFlusher(ClientUsage usage, IDocumentStore store, ILogger<ClientUsageFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ClientUsage.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        await FlushAsync(CancellationToken.None);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try { await usage.FlushAsync(store, cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A database outage must not stop the service; the next tick stores the uses noted since.
            logger.LogWarning(e, "Could not store clients' last-used times; will retry");
        }
    }
}
