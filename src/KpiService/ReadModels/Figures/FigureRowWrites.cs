using KpiService.Domain.Figures;
using Marten;

namespace KpiService.ReadModels.Figures;

/// <summary>
/// Writes figure rows with one statement however many there are (arrays unnested server-side), newer versions only:
/// a row is never replaced by an older fold of its events.
/// </summary>
public static class FigureRowWrites
{
    public static void Queue(IDocumentOperations operations, IReadOnlyCollection<FigureRecord> rows, string table)
    {
        if (rows.Count == 0) return;
        var columns = new Columns(rows);
        operations.QueueSqlCommand($"""
            INSERT INTO {table} AS f (la_number, measure, breakdown, period, period_start, period_end, value, numerator, denominator, note,
                                      revision, first_value, first_reported_at, submitted_at, withdrawn, late_restatement, version)
            SELECT * FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::date[], ?::date[], ?::float8[], ?::float8[], ?::float8[], ?::text[],
                                 ?::int[], ?::float8[], ?::timestamptz[], ?::timestamptz[], ?::bool[], ?::bool[], ?::bigint[])
            ON CONFLICT (la_number, measure, breakdown, period) DO UPDATE SET
                value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator, note = excluded.note,
                revision = excluded.revision, first_value = excluded.first_value, first_reported_at = excluded.first_reported_at,
                submitted_at = excluded.submitted_at, withdrawn = excluded.withdrawn, late_restatement = excluded.late_restatement,
                version = excluded.version
            WHERE f.version < excluded.version
            """,
            columns.LaNumbers, columns.Measures, columns.Breakdowns, columns.Periods, columns.Starts, columns.Ends, columns.Values,
            columns.Numerators, columns.Denominators, columns.Notes, columns.Revisions, columns.FirstValues, columns.FirstReportedAt,
            columns.SubmittedAt, columns.Withdrawn, columns.Late, columns.Versions);
    }

    /// <summary>The rows as one array per column, in the table's column order.</summary>
    private sealed class Columns
    {
        public int[] LaNumbers, Revisions;
        public string[] Measures, Breakdowns, Periods;
        public string?[] Notes;
        public DateOnly[] Starts, Ends;
        public double?[] Values, Numerators, Denominators, FirstValues;
        public DateTimeOffset[] FirstReportedAt, SubmittedAt;
        public bool[] Withdrawn, Late;
        public long[] Versions;

        public Columns(IReadOnlyCollection<FigureRecord> rows)
        {
            var n = rows.Count;
            (LaNumbers, Revisions, Measures, Breakdowns, Periods, Notes) = (new int[n], new int[n], new string[n], new string[n], new string[n], new string?[n]);
            (Starts, Ends, Values, Numerators, Denominators, FirstValues) = (new DateOnly[n], new DateOnly[n], new double?[n], new double?[n], new double?[n], new double?[n]);
            (FirstReportedAt, SubmittedAt, Withdrawn, Late, Versions) = (new DateTimeOffset[n], new DateTimeOffset[n], new bool[n], new bool[n], new long[n]);
            var i = 0;
            foreach (var row in rows)
            {
                var key = row.Key;
                (LaNumbers[i], Measures[i], Breakdowns[i], Periods[i]) = (key.LaNumber, key.MeasureId, key.BreakdownKey, key.Period.ToString());
                (Starts[i], Ends[i]) = (key.Period.Start, key.Period.End);
                (Values[i], Numerators[i], Denominators[i], Notes[i]) = (row.Current?.Value, row.Current?.Numerator, row.Current?.Denominator, row.Note);
                (Revisions[i], FirstValues[i], FirstReportedAt[i], SubmittedAt[i]) = (row.Revision, row.FirstValue, row.FirstReportedAt, row.SubmittedAt);
                (Withdrawn[i], Late[i], Versions[i]) = (row.Withdrawn, row.LateRestatement, row.Version);
                i++;
            }
        }
    }
}
