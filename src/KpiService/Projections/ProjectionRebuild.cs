using System.Diagnostics;
using KpiService.Domain.Figures;
using KpiService.Infrastructure;
using Npgsql;

namespace KpiService.Projections;

/// <summary>
/// Rebuilds the figures read model from the events alone: one pass over the figure events in stream order
/// (a binary cursor), folding each stream with the same <see cref="Figure.Evolve"/> the writes use, and writing the
/// rows through binary COPY, all in one transaction (readers see the old model until it commits).
/// </summary>
public sealed class ProjectionRebuild(NpgsqlDataSource dataSource)
{
    public sealed record Result(long Events, long Figures, double Seconds)
    {
        public double EventsPerSecond => Events / Math.Max(Seconds, 1e-9);
    }

    public async Task<Result> RebuildFiguresAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var reading = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var writing = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await writing.BeginTransactionAsync(cancellationToken);
        await using (var truncate = new NpgsqlCommand("TRUNCATE kpi.figures", writing, transaction)) await truncate.ExecuteNonQueryAsync(cancellationToken);

        await using var read = new NpgsqlCommand(
            "SELECT stream_id, type, data::text, recorded_at FROM kpi.events WHERE stream_id LIKE 'figure:%' ORDER BY stream_id, version", reading);
        await using var reader = await read.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        await using var copy = await writing.BeginBinaryImportAsync($"COPY kpi.figures ({FigureRowCopy.Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);

        long events = 0, figures = 0;
        string? stream = null;
        FigureKey? key = null;
        var state = FigureState.None;
        DateTimeOffset first = default, last = default;
        var late = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            var streamId = reader.GetString(0);
            var recorded = new EventStore.RecordedEvent(0, 0, streamId, 0, reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), null, null);
            if (streamId != stream)
            {
                if (key is not null && await WriteAsync(copy, key, state, first, last, late, cancellationToken)) figures++;
                (stream, state, late) = (streamId, FigureState.None, false);
                first = recorded.RecordedAt;
            }
            var @event = (FigureEvent)EventSerializer.Deserialize(recorded);
            key = @event.Key;
            state = Figure.Evolve(state, @event);
            late = @event is FigureRevised { LateRestatement: true } || (late && @event is FigureWithdrawn);
            last = recorded.RecordedAt;
            events++;
        }
        if (key is not null && await WriteAsync(copy, key, state, first, last, late, cancellationToken)) figures++;
        await copy.CompleteAsync(cancellationToken);
        await copy.DisposeAsync();
        await transaction.CommitAsync(cancellationToken);
        return new Result(events, figures, clock.Elapsed.TotalSeconds);
    }

    private static async Task<bool> WriteAsync(NpgsqlBinaryImporter copy, FigureKey key, FigureState state, DateTimeOffset first, DateTimeOffset last, bool late, CancellationToken cancellationToken)
    {
        if (state.Current is not { } current) return false;
        await FigureRowCopy.WriteAsync(copy, key, current, state.Note, state.Revision, state.FirstReported?.Value, first, last, state.Withdrawn, late, state.Version, cancellationToken);
        return true;
    }
}
