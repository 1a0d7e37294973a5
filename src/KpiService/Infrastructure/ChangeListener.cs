using System.Threading.Channels;
using KpiService.ReferenceData;
using Npgsql;

namespace KpiService.Infrastructure;

/// <summary>
/// Listens to the event store's NOTIFY channel, so every replica learns of every append within milliseconds:
/// reference changes reload the reference snapshot, and figure changes are fanned out to live watchers
/// (gRPC WatchRatings). Reconnects by itself after a database outage, then reloads in case it missed anything.
/// </summary>
public sealed class ChangeListener(DatabaseProvider database, ReferenceStore reference, FigureChangeFeed feed, ILogger<ChangeListener> logger) : BackgroundService
{
    public bool Listening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.Database.DataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => OnNotification(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {database.Database.Events.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                Listening = true;
                await reference.ReloadAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
            {
                Listening = false;
                logger.LogWarning("Change listener lost the database ({Message}); reconnecting", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void OnNotification(string payload)
    {
        var streams = payload.Split('\n');
        if (streams.Any(s => !s.StartsWith("figure:", StringComparison.Ordinal)))
            _ = reference.ReloadAsync();
        foreach (var stream in streams.Where(s => s.StartsWith("figure:", StringComparison.Ordinal)))
            feed.Publish(stream);
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
