using KpiService.Domain.Figures;
using Npgsql;
using NpgsqlTypes;

namespace KpiService.Features.Figures;

/// <summary>
/// The figures read model for bulk writes (back-loads and rebuilds): COPY into a staging table, then one upsert.
/// A bulk write holds at most one event per figure, so each event sets its figure outright.
/// </summary>
public static class FigureBulkProjection
{
    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<(FigureEvent Event, long Version)> events, CancellationToken cancellationToken)
    {
        await using (var stage = new NpgsqlCommand("CREATE TEMP TABLE figure_stage (LIKE kpi.figures) ON COMMIT DROP", connection, transaction))
            await stage.ExecuteNonQueryAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY figure_stage (la_number, measure, breakdown, period, period_start, period_end, value, numerator, denominator, note, revision, first_value, first_reported_at, submitted_at, withdrawn, late_restatement, version) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
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
                var key = @event.Key;
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(key.LaNumber, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(key.MeasureId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(key.BreakdownKey, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(key.Period.ToString(), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(key.Period.Start, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(key.Period.End, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(figure.Value, NpgsqlDbType.Double, cancellationToken);
                await WriteNullable(copy, figure.Numerator, cancellationToken);
                await WriteNullable(copy, figure.Denominator, cancellationToken);
                if (note is null) await copy.WriteNullAsync(cancellationToken); else await copy.WriteAsync(note, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(revision, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(figure.Value, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(late, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(version, NpgsqlDbType.Bigint, cancellationToken);
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

    private static async Task WriteNullable(NpgsqlBinaryImporter copy, double? value, CancellationToken cancellationToken)
    {
        if (value is { } v) await copy.WriteAsync(v, NpgsqlDbType.Double, cancellationToken);
        else await copy.WriteNullAsync(cancellationToken);
    }
}
