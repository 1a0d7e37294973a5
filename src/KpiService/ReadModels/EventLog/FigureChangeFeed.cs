using System.Threading.Channels;

namespace KpiService.ReadModels.EventLog;

/// <summary>In-process fan-out of changed figure streams to whoever is watching (one bounded channel per watcher).</summary>
public sealed class FigureChangeFeed
{
    private readonly Lock _gate = new();
    private readonly List<Channel<string>> _watchers = [];
    private bool _closed;

    /// <summary>How many watchers are subscribed: a cancelled watch must leave (tests check it does).</summary>
    public int WatcherCount
    {
        get { lock (_gate) return _watchers.Count; }
    }

    public ChannelReader<string> Subscribe(CancellationToken until)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            if (_closed) channel.Writer.TryComplete();
            else _watchers.Add(channel);
        }
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

    /// <summary>
    /// The service is stopping: every watch ends now (its stream completes normally, so the client re-subscribes,
    /// to another replica if need be), rather than holding shutdown open until the drain timeout.
    /// </summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var watcher in _watchers) watcher.Writer.TryComplete();
            _watchers.Clear();
        }
    }
}
