using System.Threading.Channels;
using KpiService.EventStore;
using KpiService.ReferenceData;
using Npgsql;

namespace KpiService.Infrastructure;

/// <summary>
/// Follows the event log, so every replica learns of every append within about a tenth of a second: reference
/// changes reload the reference snapshot, and figure changes reach live watchers (gRPC WatchRatings).
/// Following the log rather than LISTEN/NOTIFY keeps writes fast: NOTIFY takes a cluster-wide lock at commit that
/// serialises every writer (no group commit). The log read is gap-safe (see ReadAllAsync), so nothing is missed,
/// and after a database outage the follower simply carries on from its position.
/// </summary>
public sealed class ChangeListener(DatabaseProvider database, ReferenceStore reference, FigureChangeFeed feed, ReadCache cache, ILogger<ChangeListener> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var events = database.Database.Events;
        LogPosition? position = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                position ??= await events.LatestPositionAsync(stoppingToken);
                var batch = await events.ReadAllAsync(position.Value, 5_000, stoppingToken);
                if (batch.Count > 0)
                {
                    position = batch[^1].Position;
                    if (batch.Any(e => !e.StreamId.StartsWith("figure:", StringComparison.Ordinal))) await reference.ReloadAsync(stoppingToken);
                    foreach (var stream in batch.Where(e => e.StreamId.StartsWith("figure:", StringComparison.Ordinal)).Select(e => e.StreamId).Distinct())
                    {
                        cache.FigureChanged(stream); // writes through other replicas
                        feed.Publish(stream);
                    }
                    if (batch.Count == 5_000) continue;
                }
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
            {
                logger.LogWarning("Change follower lost the database ({Message}); retrying", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}

/// <summary>In-process fan-out of changed figure streams to whoever is watching (one channel per watcher).</summary>
public sealed class FigureChangeFeed
{
    private readonly Lock _gate = new();
    private readonly List<Channel<string>> _watchers = [];

    public ChannelReader<string> Subscribe(CancellationToken until)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate) _watchers.Add(channel);
        until.Register(() =>
        {
            lock (_gate) _watchers.Remove(channel);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    public void Publish(string figureStream)
    {
        lock (_gate)
            foreach (var watcher in _watchers) watcher.Writer.TryWrite(figureStream);
    }
}
