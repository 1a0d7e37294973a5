using Npgsql;
using NpgsqlTypes;

namespace KpiService.EventStore;

/// <summary>One event for one stream, for bulk loads (a historic back-load is one new event per figure).</summary>
public sealed record BulkEvent(string StreamId, long ExpectedVersion, string Type, string Data);

public static class BulkAppend
{
    /// <summary>
    /// Appends many single-event writes through binary COPY into a staging table, then set-based inserts: the same
    /// guarantees as <see cref="PostgresEventStore.AppendAsync(IReadOnlyList{StreamWrite}, EventMetadata, CancellationToken)"/>
    /// (expected versions checked, all or nothing) at COPY speed. Runs inside the caller's transaction so the caller's
    /// own bulk projection commits with it. Each stream may appear once.
    /// </summary>
    /// <remarks>Raise <see cref="PostgresEventStore.Appended"/> through <see cref="Committed"/> once the caller commits.</remarks>
    public static async Task AppendAsync(this PostgresEventStore store, NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<BulkEvent> events, EventMetadata metadata, CancellationToken cancellationToken = default)
    {
        var s = store.Schema;
        await Execute(connection, transaction, "CREATE TEMP TABLE event_stage (stream_id text, expected bigint, type text, data jsonb) ON COMMIT DROP", cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync("COPY event_stage FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var e in events)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(e.StreamId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.ExpectedVersion, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(e.Type, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.Data, NpgsqlDbType.Jsonb, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        var created = events.Count(e => e.ExpectedVersion == 0);
        var inserted = await Execute(connection, transaction,
            $"INSERT INTO {s}.streams (id, version) SELECT stream_id, 1 FROM event_stage WHERE expected = 0 ON CONFLICT (id) DO NOTHING", cancellationToken);
        var updated = await Execute(connection, transaction,
            $"UPDATE {s}.streams t SET version = st.expected + 1 FROM event_stage st WHERE st.expected > 0 AND t.id = st.stream_id AND t.version = st.expected", cancellationToken);
        if (inserted != created || updated != events.Count - created)
            throw new ConcurrencyException(await FirstClashAsync(connection, transaction, s, cancellationToken), -1);
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO {s}.events (stream_id, version, type, data, client_id, correlation_id) SELECT stream_id, expected + 1, type, data, $1, $2 FROM event_stage",
            connection, transaction))
        {
            insert.Parameters.Add(new() { Value = (object?)metadata.ClientId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = (object?)metadata.CorrelationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Tells this process's listeners about streams a caller's transaction wrote, after it committed.</summary>
    public static void Committed(this PostgresEventStore store, IReadOnlyList<string> streams) => store.OnAppended(streams);

    private static async Task<string> FirstClashAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT st.stream_id FROM event_stage st LEFT JOIN {schema}.streams t ON t.id = st.stream_id WHERE coalesce(t.version, 0) <> st.expected + 1 LIMIT 1",
            connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken) as string ?? "?";
    }

    private static async Task<int> Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
