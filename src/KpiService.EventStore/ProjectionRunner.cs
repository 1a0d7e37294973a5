using Npgsql;

namespace KpiService.EventStore;

/// <summary>
/// Runs async projections from the log. Exactly one replica runs them at a time: the runner holds a session-level
/// advisory lock on a dedicated connection, so if that replica dies its connection closes, the lock is freed and
/// another replica's runner takes over. Each batch and its checkpoint commit together, so a crash replays at most
/// one batch, and never half of one.
/// </summary>
public sealed class ProjectionRunner(PostgresEventStore store, IEnumerable<IAsyncProjection> projections, int batchSize = 5_000)
{
    private readonly IAsyncProjection[] _projections = [.. projections];

    /// <summary>True while this instance holds the lock and is the one running projections.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>
    /// The advisory lock key: the same in every process. (string.GetHashCode is randomised per process, so it would
    /// give each replica its own "lock" and every replica would lead.)
    /// </summary>
    public static long LockKey(string schema)
    {
        var hash = 2166136261u; // FNV-1a
        foreach (var c in schema) hash = (hash ^ c) * 16777619u;
        return 0x4B50_4953_0000 + (hash & 0xFFFF);
    }

    public async Task RunAsync(TimeSpan idlePoll, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var lockConnection = await store.DataSource.OpenConnectionAsync(cancellationToken);
                if (!await TryLockAsync(lockConnection, cancellationToken))
                {
                    IsLeader = false;
                    await Task.Delay(idlePoll, cancellationToken);
                    continue;
                }
                IsLeader = true;
                while (!cancellationToken.IsCancellationRequested)
                {
                    var worked = false;
                    foreach (var projection in _projections)
                        worked |= await RunOnceAsync(projection, cancellationToken) > 0;
                    if (!worked) await Task.Delay(idlePoll, cancellationToken);
                    // Checking the lock connection is alive each round: if it broke, the lock is gone too.
                    await using var ping = new NpgsqlCommand("SELECT 1", lockConnection);
                    await ping.ExecuteScalarAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (NpgsqlException)
            {
                // The database went away: give up leadership and try again shortly.
                IsLeader = false;
                await Task.Delay(idlePoll, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        IsLeader = false;
    }

    private async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new() { Value = LockKey(store.Schema) });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>Applies the next batch of events to one projection; returns how many it applied.</summary>
    public async Task<int> RunOnceAsync(IAsyncProjection projection, CancellationToken cancellationToken)
    {
        var position = await CheckpointAsync(projection.Name, cancellationToken);
        var events = await store.ReadAllAsync(position, batchSize, cancellationToken);
        if (events.Count == 0) return 0;

        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await projection.ApplyAsync(events, connection, transaction, cancellationToken);
        var last = events[^1].Position;
        await using (var save = new NpgsqlCommand(
            $"""
            INSERT INTO {store.Schema}.checkpoints (name, tx_id, seq, updated_at) VALUES ($1, $2::text::xid8, $3, now())
            ON CONFLICT (name) DO UPDATE SET tx_id = excluded.tx_id, seq = excluded.seq, updated_at = now()
            """, connection, transaction))
        {
            save.Parameters.Add(new() { Value = projection.Name });
            save.Parameters.Add(new() { Value = last.TransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            save.Parameters.Add(new() { Value = last.Sequence });
            await save.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    public async Task<LogPosition> CheckpointAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = store.DataSource.CreateCommand($"SELECT tx_id::text, seq FROM {store.Schema}.checkpoints WHERE name = $1");
        command.Parameters.Add(new() { Value = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LogPosition(ulong.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetInt64(1))
            : LogPosition.Start;
    }
}
