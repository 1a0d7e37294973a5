using KpiService.Domain.Figures;
using Npgsql;
using NpgsqlTypes;

namespace KpiService.Projections;

/// <summary>One row of the figures read model through binary COPY: shared by back-loads and rebuilds.</summary>
public static class FigureRowCopy
{
    public const string Columns =
        "la_number, measure, breakdown, period, period_start, period_end, value, numerator, denominator, note, revision, first_value, first_reported_at, submitted_at, withdrawn, late_restatement, version";

    public static async Task WriteAsync(NpgsqlBinaryImporter copy, FigureKey key, FigureValue current, string? note, int revision, double? firstValue,
        DateTimeOffset firstReportedAt, DateTimeOffset submittedAt, bool withdrawn, bool lateRestatement, long version, CancellationToken cancellationToken)
    {
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(key.LaNumber, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync(key.MeasureId, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(key.BreakdownKey, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(key.Period.ToString(), NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(key.Period.Start, NpgsqlDbType.Date, cancellationToken);
        await copy.WriteAsync(key.Period.End, NpgsqlDbType.Date, cancellationToken);
        await copy.WriteAsync(current.Value, NpgsqlDbType.Double, cancellationToken);
        await Nullable(copy, current.Numerator, cancellationToken);
        await Nullable(copy, current.Denominator, cancellationToken);
        if (note is null) await copy.WriteNullAsync(cancellationToken); else await copy.WriteAsync(note, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(revision, NpgsqlDbType.Integer, cancellationToken);
        await Nullable(copy, firstValue, cancellationToken);
        await copy.WriteAsync(firstReportedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await copy.WriteAsync(submittedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await copy.WriteAsync(withdrawn, NpgsqlDbType.Boolean, cancellationToken);
        await copy.WriteAsync(lateRestatement, NpgsqlDbType.Boolean, cancellationToken);
        await copy.WriteAsync(version, NpgsqlDbType.Bigint, cancellationToken);
    }

    private static async Task Nullable(NpgsqlBinaryImporter copy, double? value, CancellationToken cancellationToken)
    {
        if (value is { } v) await copy.WriteAsync(v, NpgsqlDbType.Double, cancellationToken);
        else await copy.WriteNullAsync(cancellationToken);
    }
}
