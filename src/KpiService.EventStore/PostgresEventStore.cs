using Npgsql;
using NpgsqlTypes;

namespace KpiService.EventStore;

/// <summary>
/// Streams of events in PostgreSQL, shaped like Marten's event store: append with an expected version per stream
/// (one statement, one round trip, all or nothing), read a stream (optionally as it stood at a time), read the whole
/// log from a position. Inline projections and any extra commands ride in the same batch and transaction.
/// </summary>
public sealed class PostgresEventStore(NpgsqlDataSource dataSource, string schema, IEnumerable<IInlineProjection> inlineProjections)
{
    public string Schema => schema;

    public NpgsqlDataSource DataSource => dataSource;

    private readonly IInlineProjection[] _inline = [.. inlineProjections];

    /// <summary>Raised after an append commits, with the streams it wrote (so this process can drop cached reads at once).</summary>
    public event Action<IReadOnlyList<string>>? Appended;

    internal void OnAppended(IReadOnlyList<string> streams) => Appended?.Invoke(streams);

    public Task<AppendResult> AppendAsync(IReadOnlyList<StreamWrite> writes, EventMetadata metadata, CancellationToken cancellationToken = default) =>
        AppendAsync(writes, metadata, static _ => { }, cancellationToken);

    /// <param name="addCommands">Further commands for the same transaction (an idempotency record, say).</param>
    public async Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamWrite> writes, EventMetadata metadata, Action<NpgsqlBatch> addCommands, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await AppendAsync(connection, null, writes, metadata, addCommands, cancellationToken);
    }

    /// <summary>
    /// Appends inside a caller's transaction, for writers that also bulk-load with COPY (which cannot join a batch).
    /// Without a transaction the batch runs as one implicit transaction: one round trip, all or nothing.
    /// </summary>
    public async Task<AppendResult> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<StreamWrite> writes, EventMetadata metadata,
        Action<NpgsqlBatch> addCommands, CancellationToken cancellationToken = default)
    {
        if (writes.Count == 0 || writes.Any(w => w.Events.Count == 0))
            throw new ArgumentException("An append needs at least one event for every stream it names.", nameof(writes));

        var eventCount = writes.Sum(w => w.Events.Count);
        var eventStreams = new string[eventCount];
        var eventVersions = new long[eventCount];
        var types = new string[eventCount];
        var data = new string[eventCount];
        var pending = new PendingEvent[eventCount];
        var versions = new Dictionary<string, long>(writes.Count);
        var n = 0;
        foreach (var write in writes)
        {
            for (var i = 0; i < write.Events.Count; i++, n++)
            {
                var e = write.Events[i];
                (eventStreams[n], eventVersions[n], types[n], data[n]) = (write.StreamId, write.ExpectedVersion + i + 1, e.Type, e.Data);
                pending[n] = new PendingEvent(write.StreamId, eventVersions[n], e.Type, e.Source);
            }
            versions[write.StreamId] = write.ExpectedVersion + write.Events.Count;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var append = new NpgsqlBatchCommand($"SELECT {schema}.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9)");
        append.Parameters.Add(new() { Value = writes.Select(w => w.StreamId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        append.Parameters.Add(new() { Value = writes.Select(w => w.ExpectedVersion).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        append.Parameters.Add(new() { Value = writes.Select(w => w.Events.Count).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        append.Parameters.Add(new() { Value = eventStreams, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        append.Parameters.Add(new() { Value = eventVersions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        append.Parameters.Add(new() { Value = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        append.Parameters.Add(new() { Value = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        append.Parameters.Add(new() { Value = (object?)metadata.ClientId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        append.Parameters.Add(new() { Value = (object?)metadata.CorrelationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        batch.BatchCommands.Add(append);
        foreach (var projection in _inline) projection.Project(pending, batch);
        addCommands(batch);

        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var lastSequence = reader.GetInt64(0);
            while (await reader.NextResultAsync(cancellationToken)) { }
            // Inside a caller's transaction the commit is the caller's: it raises Appended (see BulkAppend).
            if (transaction is null) OnAppended([.. versions.Keys]);
            return new AppendResult(lastSequence, versions);
        }
        catch (PostgresException e) when (e.SqlState == "KS409")
        {
            var write = writes[int.Parse(e.MessageText, System.Globalization.CultureInfo.InvariantCulture) - 1];
            throw new ConcurrencyException(write.StreamId, write.ExpectedVersion);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "events_stream_version")
        {
            throw new ConcurrencyException(e.Detail ?? "?", -1);
        }
    }

    /// <summary>A stream's events in order; with <paramref name="asAt"/>, only those recorded by then.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, DateTimeOffset? asAt = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM {schema}.events WHERE stream_id = $1 AND ($2::timestamptz IS NULL OR recorded_at <= $2) ORDER BY version");
        command.Parameters.Add(new() { Value = streamId });
        command.Parameters.Add(new() { Value = asAt is { } t ? t.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>Events of many streams (e.g. every figure of a series) recorded by a time, in stream then version order.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamsAsync(IReadOnlyList<string> streamIds, DateTimeOffset? asAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM {schema}.events WHERE stream_id = ANY($1) AND ($2::timestamptz IS NULL OR recorded_at <= $2) ORDER BY stream_id, version");
        command.Parameters.Add(new() { Value = streamIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = asAt is { } t ? t.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>
    /// Up to <paramref name="max"/> events after <paramref name="after"/>, in log order. Only transactions older than
    /// the oldest one still running are visible here: a transaction that began earlier but commits later can no longer
    /// slip in behind a reader's position, and sequence gaps from rollbacks are simply never seen.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(LogPosition after, int max, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {Columns} FROM {schema}.events
            WHERE (tx_id, seq) > ($1::text::xid8, $2) AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY events.tx_id, events.seq LIMIT $3
            """);
        command.Parameters.Add(new() { Value = after.TransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        command.Parameters.Add(new() { Value = after.Sequence });
        command.Parameters.Add(new() { Value = max });
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>The position of the newest event a log reader can see now (the start of the log when it is empty).</summary>
    public async Task<LogPosition> LatestPositionAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT tx_id::text, seq FROM {schema}.events WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY tx_id DESC, seq DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LogPosition(ulong.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetInt64(1))
            : LogPosition.Start;
    }

    /// <summary>The current version of a stream, 0 when it does not exist.</summary>
    public async Task<long> StreamVersionAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT version FROM {schema}.streams WHERE id = $1");
        command.Parameters.Add(new() { Value = streamId });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : 0;
    }

    private const string Columns = "seq, tx_id::text AS tx_text, stream_id, version, type, data::text, recorded_at, client_id, correlation_id";

    private static async Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            events.Add(new RecordedEvent(
                reader.GetInt64(0), ulong.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        return events;
    }
}
