using KpiService.Domain.Figures;
using KpiService.Projections;
using Npgsql;

namespace KpiService.Features.Figures;

/// <summary>
/// The figures read model for bulk writes (back-loads): COPY into a staging table, then one upsert.
/// A bulk write holds at most one event per figure, so each event sets its figure outright.
/// </summary>
public static class FigureBulkProjection
{
    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<(FigureEvent Event, long Version)> events, CancellationToken cancellationToken)
    {
        await using (var stage = new NpgsqlCommand("CREATE TEMP TABLE figure_stage (LIKE kpi.figures) ON COMMIT DROP", connection, transaction))
            await stage.ExecuteNonQueryAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY figure_stage ({FigureRowCopy.Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var (@event, version) in events)
            {
                var (figure, note, revision, late) = @event switch
                {
                    FigureSubmitted s => (s.Figure, s.Note, 1, false),
                    FigureRevised r => (r.Figure, r.Note, r.Revision, r.LateRestatement),
                    _ => throw new InvalidOperationException("bulk writes carry submissions and revisions only"),
                };
                await FigureRowCopy.WriteAsync(copy, @event.Key, figure, note, revision, figure.Value, now, now, false, late, version, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        // A revision keeps the figure's first-reported value and time; a first submission sets them.
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO kpi.figures SELECT * FROM figure_stage
            ON CONFLICT (la_number, measure, breakdown, period) DO UPDATE SET
                value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator, note = excluded.note,
                revision = excluded.revision, submitted_at = excluded.submitted_at, withdrawn = false,
                late_restatement = excluded.late_restatement, version = excluded.version
            """, connection, transaction);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}
