using KpiService.ReadModels.EventLog;
using KpiService.ReadModels;
using Npgsql;

namespace KpiService.Hosting;

/// <summary>
/// Follows the event log on every replica, so each learns of every commit within about a tenth of a second:
/// reference changes reload the snapshot, figure changes drop cached reads and reach live watchers (WatchRatings).
/// Polling the log rather than LISTEN/NOTIFY keeps writes fast (NOTIFY takes a cluster-wide lock at commit that
/// serialises every writer). After a database outage it carries on from its floor.
/// </summary>
public sealed class EventFollower(KpiDatabase database, ChangedStreams changes, OwnCommits own, FigureChangeFeed feed, ILogger<EventFollower> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly EventLogTail _tail = new(database.DataSource, KpiDatabase.Schema);

    /// <summary>Takes the end of the log as the starting point; start-up loads reference data after this.</summary>
    public Task StartAtHeadAsync(CancellationToken cancellationToken) => _tail.StartAtHeadAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tail = _tail;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!tail.Started) await tail.StartAtHeadAsync(stoppingToken);
                var events = await tail.ReadAsync(stoppingToken);
                if (events.Count > 0)
                {
                    var streams = events.Select(e => e.Stream).Distinct().ToList();
                    // Another replica's commits (and ours the commit listener missed) change what this one holds.
                    var changed = events.Where(e => !own.AlreadyApplied(e.Sequence)).Select(e => e.Stream).Distinct().ToList();
                    if (changed.Count > 0) await changes.ApplyAsync(changed, stoppingToken);
                    foreach (var stream in streams.Where(s => s.StartsWith("figure:", StringComparison.Ordinal))) feed.Publish(stream);
                    continue;
                }
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
            {
                logger.LogWarning("Event log follower lost the database ({Message}); retrying", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
