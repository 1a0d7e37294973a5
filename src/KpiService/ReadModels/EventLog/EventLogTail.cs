using Npgsql;

namespace KpiService.ReadModels.EventLog;

/// <summary>A committed event as the log tail sees it: enough to tell which caches and watchers it concerns.</summary>
public sealed record TailedEvent(long Sequence, string Stream, string Type);

/// <summary>
/// Reads Marten's event log from a position and never skips an event that commits late. Sequence numbers are taken
/// before a transaction commits, so number 41 can become visible after 42 (or never, if rolled back). Every writer
/// holds a lock on the event sequence from its first <c>nextval</c> until it ends, so after each read the tail notes
/// the highest number handed out and who held that lock; once all of them have finished, every event up to that number
/// is visible or will never exist, and the tail's floor moves up to it. Until then it rereads above the floor and
/// passes on only what it has not passed on before. (Marten's daemon instead skips gaps older than a threshold,
/// which would lose an event of a slow transaction.) Marten's tombstones of failed appends are ignored.
/// </summary>
public sealed class EventLogTail(NpgsqlDataSource dataSource, string schema, int pageSize = 5_000)
{
    private readonly record struct Fence(long Sequence, string[] Holders);

    private readonly List<Fence> _fences = [];
    private readonly HashSet<long> _passedOn = [];

    /// <summary>Every event at or below this is final and has been passed on (or predates the tail).</summary>
    public long Floor { get; private set; } = -1;

    public bool Started => Floor >= 0;

    /// <summary>
    /// Starts at the head of the log: waits for the writers in flight to finish (milliseconds), so that everything
    /// below the head is final and only later events are new to this tail.
    /// </summary>
    public async Task StartAtHeadAsync(CancellationToken cancellationToken)
    {
        var (head, holders) = await ReadFenceAsync(cancellationToken);
        while (holders.Length > 0)
        {
            await Task.Delay(10, cancellationToken);
            var (_, now) = await ReadFenceAsync(cancellationToken);
            holders = [.. holders.Intersect(now)];
        }
        Floor = head;
    }

    /// <summary>The next events not yet passed on, in sequence order (at most a page).</summary>
    public async Task<IReadOnlyList<TailedEvent>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!Started) throw new InvalidOperationException("Start the tail first.");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One round trip, three statements in this order, each with its own snapshot: the highest number handed out,
        // then who may still be writing below it, then the events above the floor (seen after those holders were read).
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new(HandedOutSql),
                new(HoldersSql),
                new($"SELECT seq_id, stream_id, type FROM {schema}.mt_events WHERE seq_id > $1 ORDER BY seq_id LIMIT $2"),
            },
        };
        batch.BatchCommands[2].Parameters.Add(new() { Value = Floor });
        batch.BatchCommands[2].Parameters.Add(new() { Value = pageSize });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var handedOut = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var holders = reader.GetFieldValue<string[]>(0);
        await reader.NextResultAsync(cancellationToken);
        var events = new List<TailedEvent>();
        long lastRead = Floor;
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            rows++;
            var e = new TailedEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
            lastRead = e.Sequence;
            if (_passedOn.Add(e.Sequence) && !IsTombstone(e)) events.Add(e);
        }
        Advance(handedOut, holders, truncatedAt: rows == pageSize ? lastRead : null);
        return events;
    }

    private void Advance(long handedOut, string[] holders, long? truncatedAt)
    {
        // A writer that held the lock at an earlier fence and still runs holds it now, so fences finish in order.
        var finished = _fences.FindLastIndex(f => !f.Holders.Intersect(holders).Any());
        if (finished >= 0)
        {
            var floor = Math.Min(_fences[finished].Sequence, truncatedAt ?? long.MaxValue);
            if (floor > Floor) Floor = floor;
            if (truncatedAt is null || truncatedAt >= _fences[finished].Sequence) _fences.RemoveRange(0, finished + 1);
        }
        if (_fences.Count == 0 || _fences[^1].Sequence < handedOut) _fences.Add(new Fence(handedOut, holders));
        _passedOn.RemoveWhere(sequence => sequence <= Floor);
    }

    private async Task<(long HandedOut, string[] Holders)> ReadFenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { new(HandedOutSql), new(HoldersSql) } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var handedOut = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (handedOut, reader.GetFieldValue<string[]>(0));
    }

    // A fresh sequence reports last_value 1 before handing anything out.
    private string HandedOutSql => $"SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM {schema}.mt_events_sequence";

    private string HoldersSql => $$"""
        SELECT coalesce(array_agg(DISTINCT virtualtransaction), '{}') FROM pg_locks
        WHERE locktype = 'relation' AND relation = '{{schema}}.mt_events_sequence'::regclass AND pid IS DISTINCT FROM pg_backend_pid()
        """;

    private static bool IsTombstone(TailedEvent e) =>
        e.Type.Equals("tombstone", StringComparison.OrdinalIgnoreCase) || e.Stream.StartsWith("mt_tombstone", StringComparison.Ordinal);
}
