using System.Text.Json;
using JasperFx.Events;
using KpiService.Domain.Catalogue;
using Marten;
using Marten.Events.Projections;
using Npgsql;

namespace KpiService.ReadModels.Catalogue;

/// <summary>
/// Folds a page of catalogue, schedule and commentary events with the domain's own Evolve functions and writes every
/// stream touched with one statement, newer versions only. A stream whose page does not start at its first event
/// folds on from its stored state, read in one query (these streams are written rarely, a few events at a time).
/// </summary>
public sealed partial class StreamStatesProjection(NpgsqlDataSource dataSource, string table = StreamStates.Name) : IProjection
{
    private sealed record Row(string Stream, string Kind, int LaNumber, string? Measure, string? Period, string? Breakdown, object State, long Version);

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var mine = events.Where(e => e.Data is CatalogueEvent or ScheduleEvent or CommentaryEvent).ToList();
        if (mine.Count == 0) return;
        var stored = await StoredAsync([.. mine.Where(e => e.Version > 1).Select(e => e.StreamKey!).Distinct()], cancellation);
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var e in mine)
        {
            var stream = e.StreamKey!;
            var before = rows.GetValueOrDefault(stream) ?? stored.GetValueOrDefault(stream);
            rows[stream] = e.Data switch
            {
                CatalogueEvent c => new Row(stream, StreamStates.Catalogue, c.LaNumber, null, null, null,
                    AuthorityCatalogue.Evolve(before?.State as AuthorityCatalogue ?? AuthorityCatalogue.Empty(c.LaNumber), c), e.Version),
                ScheduleEvent s => new Row(stream, StreamStates.Schedule, s.LaNumber, null, null, null,
                    ReportingSchedule.Evolve(before?.State as ReportingSchedule ?? ReportingSchedule.Empty(s.LaNumber), s), e.Version),
                CommentaryEvent k => new Row(stream, StreamStates.Commentary, k.Key.LaNumber, k.Key.MeasureId, k.Key.Period.ToString(), k.Key.Breakdown?.ToString() ?? "",
                    CommentaryThread.Evolve(before?.State as CommentaryThread ?? CommentaryThread.None, k), e.Version),
                _ => throw new InvalidOperationException("filtered above"),
            };
        }
        var written = rows.Values.ToList();
        operations.QueueSqlCommand($"""
            INSERT INTO {table} AS s (stream, kind, la_number, measure, period, breakdown, state, version)
            SELECT * FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::jsonb[], ?::bigint[])
            ON CONFLICT (stream) DO UPDATE SET state = excluded.state, version = excluded.version WHERE s.version < excluded.version
            """,
            written.Select(r => r.Stream).ToArray(), written.Select(r => r.Kind).ToArray(), written.Select(r => r.LaNumber).ToArray(),
            written.Select(r => r.Measure).ToArray(), written.Select(r => r.Period).ToArray(), written.Select(r => r.Breakdown).ToArray(),
            written.Select(r => JsonSerializer.Serialize(r.State, r.State.GetType(), EventSerialization.Options)).ToArray(), written.Select(r => r.Version).ToArray());
    }

    private async Task<Dictionary<string, Row>> StoredAsync(string[] streams, CancellationToken cancellation)
    {
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        if (streams.Length == 0) return rows;
        await using var command = dataSource.CreateCommand($"SELECT stream, kind, la_number, state::text, version FROM {table} WHERE stream = ANY($1)");
        command.Parameters.Add(new() { Value = streams });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var kind = reader.GetString(1);
            object state = kind switch
            {
                StreamStates.Catalogue => StreamStates.ReadCatalogue(reader.GetString(3)),
                StreamStates.Schedule => StreamStates.ReadSchedule(reader.GetString(3)),
                _ => StreamStates.ReadCommentary(reader.GetString(3)),
            };
            rows[reader.GetString(0)] = new Row(reader.GetString(0), kind, reader.GetInt32(2), null, null, null, state, reader.GetInt64(4));
        }
        return rows;
    }
}
