using System.Runtime.CompilerServices;
using System.Text.Json;
using JasperFx.Events;
using KpiService.Domain.Reference;
using KpiService.ReadModels;
using KpiService.ReadModels.Idempotency;
using KpiService.ReadModels.Rebuild;
using Marten;
using Marten.Events;
using Npgsql;

namespace KpiService.Hosting;

/// <summary>
/// Moves a database written by the service's first, home-made event store (<c>kpi.events</c>, <c>kpi.streams</c>,
/// <c>kpi.append_events</c>) onto Marten, on start-up, once. First its tables are set aside in schema
/// <c>kpi_legacy</c> (so Marten's read-model tables can take their names); once Marten's schema exists, every event
/// is imported through Marten's bulk import with its sequence number, stream, version, type name, JSON, time,
/// client and correlation id unchanged; published figures and idempotent answers, which the old store kept only in
/// tables, become events and documents; then the read models are rebuilt from the events. The legacy schema is kept
/// for the operator to drop once satisfied. A lock makes replicas starting together do it once.
/// </summary>
public sealed class LegacyStoreMigration(NpgsqlDataSource dataSource, IDocumentStore store, ReadModelRebuild rebuild, ILogger<LegacyStoreMigration> logger)
{
    public const string LegacySchema = "kpi_legacy";
    private const long MigrationLock = 0x4B50_4953_0003; // "KPIS" 3
    private static readonly string[] LegacyTables =
        ["events", "streams", "checkpoints", "idempotency", "figures", "authorities", "neighbours", "populations", "measures", "targets",
         "comparator_groups", "clients", "dimensions", "benchmarks", "client_activity"];

    /// <summary>Before Marten's schema is applied: moves the old store's tables out of the way, if there are any.</summary>
    public async Task SetAsideAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
        // The old store's events table is the one with a transaction-id column; Marten's is mt_events.
        if (!await ScalarAsync<bool>(connection, transaction, """
                SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'kpi' AND table_name = 'events' AND column_name = 'tx_id')
                """, cancellationToken)) return;
        var sql = $"CREATE SCHEMA IF NOT EXISTS {LegacySchema};\nDROP FUNCTION IF EXISTS kpi.append_events;\n"
            + string.Join("\n", LegacyTables.Select(t => $"ALTER TABLE IF EXISTS kpi.{t} SET SCHEMA {LegacySchema};"))
            + $"\nCREATE TABLE {LegacySchema}.migration (set_aside_at timestamptz NOT NULL DEFAULT now(), imported_at timestamptz, events bigint);\nINSERT INTO {LegacySchema}.migration DEFAULT VALUES;";
        await ExecuteAsync(connection, transaction, sql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("Found a database of the first event store: its tables are set aside in schema {Schema} for import into Marten", LegacySchema);
    }

    /// <summary>After Marten's schema exists: imports what was set aside, unless that is done already.</summary>
    public async Task ImportAsync(CancellationToken cancellationToken)
    {
        await using var guard = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(guard, null, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
        try
        {
            // Two statements: a query naming a table that does not exist fails when it is planned.
            if (!await ScalarAsync<bool>(guard, null, $"SELECT to_regclass('{LegacySchema}.migration') IS NOT NULL", cancellationToken)
                || !await ScalarAsync<bool>(guard, null, $"SELECT EXISTS (SELECT 1 FROM {LegacySchema}.migration WHERE imported_at IS NULL)", cancellationToken)) return;
            if (await ScalarAsync<bool>(guard, null, "SELECT EXISTS (SELECT 1 FROM kpi.mt_events)", cancellationToken))
                throw new InvalidOperationException($"Marten's event store already holds events, so the set-aside store in {LegacySchema} cannot be imported into it safely. Import into an empty database.");

            var headers = await StreamHeadersAsync(cancellationToken);
            await store.BulkInsertEventStreamAsync("*DEFAULT*", headers, LegacyEventsAsync(cancellationToken), BulkEventSequenceMode.PreserveSourceSequence, 5_000, cancellationToken);
            var events = headers.Sum(h => h.Version);
            await PublishLegacyBenchmarksAsync(cancellationToken);
            await RecordIdempotentAnswersAsync(cancellationToken);
            await rebuild.RebuildAsync(cancellationToken);
            await ExecuteAsync(guard, null, $"UPDATE {LegacySchema}.migration SET imported_at = now(), events = {events}", cancellationToken);
            logger.LogWarning("Imported {Events} events of {Streams} streams from the first event store into Marten; the old tables remain in schema {Schema}",
                events, headers.Count, LegacySchema);
        }
        finally
        {
            await ExecuteAsync(guard, null, $"SELECT pg_advisory_unlock({MigrationLock})", cancellationToken);
        }
    }

    private async Task<List<BulkEventStreamHeader>> StreamHeadersAsync(CancellationToken cancellationToken)
    {
        var headers = new List<BulkEventStreamHeader>();
        await using var command = dataSource.CreateCommand($"SELECT id, version FROM {LegacySchema}.streams ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) headers.Add(new BulkEventStreamHeader { Key = reader.GetString(0), Version = reader.GetInt64(1) });
        return headers;
    }

    /// <summary>The old log in sequence order, read with a cursor so memory stays bounded by one row.</summary>
    private async IAsyncEnumerable<IEvent> LegacyEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var types = EventSerialization.EventTypes.ToDictionary(t => t.Name);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT seq, stream_id, version, type, data::text, recorded_at, client_id, correlation_id FROM {LegacySchema}.events ORDER BY seq", connection);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (sequence, stream, version, type) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3));
            var clr = types.GetValueOrDefault(type) ?? throw new InvalidOperationException($"Event {sequence} of {stream} has type '{type}', which this release does not know.");
            var data = JsonSerializer.Deserialize(reader.GetString(4), clr, EventSerialization.Options)!;
            var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(clr), data)!;
            (e.Id, e.Sequence, e.StreamKey, e.Version) = (Guid.NewGuid(), sequence, stream, version);
            e.Timestamp = reader.GetFieldValue<DateTimeOffset>(5);
            e.UserName = reader.IsDBNull(6) ? null : reader.GetString(6);
            e.CorrelationId = reader.IsDBNull(7) ? null : reader.GetString(7);
            yield return e;
        }
    }

    /// <summary>The old store kept published figures only in a table (its import event held counts): they become events now.</summary>
    private async Task PublishLegacyBenchmarksAsync(CancellationToken cancellationToken)
    {
        var rows = new Dictionary<(string Source, string Measure), List<PublishedFigure>>();
        await using (var command = dataSource.CreateCommand($"SELECT source, measure, period, period_end, level, code, value, mark FROM {LegacySchema}.benchmarks ORDER BY source, measure"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
            {
                var period = reader.GetString(2);
                var end = reader.GetFieldValue<DateOnly>(3);
                var start = Domain.Periods.Period.TryParse(period, out var p) ? p.Start : end.AddDays(1).AddYears(-1);
                var key = (reader.GetString(0), reader.GetString(1));
                if (!rows.TryGetValue(key, out var list)) rows[key] = list = [];
                list.Add(new PublishedFigure(period, start, end, reader.GetString(4), reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetDouble(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
            }
        if (rows.Count == 0) return;
        await using var session = store.LightweightSession();
        (session.LastModifiedBy, session.CorrelationId) = ("system", "migration");
        foreach (var ((source, measure), figures) in rows)
        {
            var stream = ReferenceStreams.Benchmarks(source, measure);
            var state = await session.Events.FetchStreamStateAsync(stream, cancellationToken);
            session.Events.Append(stream, (state?.Version ?? 0) + 1, new BenchmarksPublished(source, measure, figures));
        }
        await session.SaveChangesAsync(cancellationToken);
    }

    private async Task RecordIdempotentAnswersAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        await using (var command = dataSource.CreateCommand($"SELECT client_id, key, request_hash, response::text, created_at FROM {LegacySchema}.idempotency"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
            {
                using var response = JsonDocument.Parse(reader.GetString(3));
                int Count(string name) => response.RootElement.TryGetProperty(name, out var n) ? n.GetInt32() : 0;
                session.Store(new RecordedReturn
                {
                    Id = RecordedReturn.IdFor(reader.GetString(0), reader.GetString(1)), RequestHash = reader.GetString(2),
                    Accepted = Count("accepted"), Revised = Count("revised"), Unchanged = Count("unchanged"), RecordedAt = reader.GetFieldValue<DateTimeOffset>(4),
                });
            }
        await session.SaveChangesAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
