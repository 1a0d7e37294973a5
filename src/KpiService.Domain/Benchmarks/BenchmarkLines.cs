using KpiService.Domain.Measures;

namespace KpiService.Domain.Benchmarks;

/// <summary>What reading a published file yields, row by row: a figure, a problem, or a row deliberately skipped.</summary>
public abstract record BenchmarkLine(int Row);

/// <summary>One published value (or its suppression mark) of a measure for an area and period.</summary>
public sealed record PublishedFigure(int Row, string MeasureId, PublishedPeriod Period, PublishedArea Area, double? Value, string? Mark)
    : BenchmarkLine(Row);

/// <summary>A problem with one field of one row; the import stores nothing while any exist.</summary>
public sealed record RowProblem(int Row, string Field, string Message) : BenchmarkLine(Row)
{
    public override string ToString() => $"row {Row}, {Field}: {Message}";
}

/// <summary>A row the service does not store (Inner London, a ward, a filtered-out breakdown): counted, not an error.</summary>
public sealed record RowSkipped(int Row, string Reason) : BenchmarkLine(Row);

public enum BenchmarkFormat
{
    /// <summary>LAIT's own long download: <c>Short Desc, Data item, Years, LA and Regions, Values, LA Number, Region</c>.</summary>
    LaitLong,

    /// <summary>LAIT's long data with its dictionary columns, as the service shipped it: <c>measure_short, year_type, year_num, la_number, value_raw…</c>.</summary>
    LaitKeyMeasures,

    /// <summary>An Explore Education Statistics data file: <c>time_period, time_identifier, geographic_level</c>, codes, indicator columns.</summary>
    Ees,

    /// <summary>The service's own columns: <c>measure, period, level, code, value</c>.</summary>
    Service,
}

/// <summary>
/// What reading needs from the catalogue and reference data, as lookups so the parser stays pure.
/// <c>FindMeasure</c>: a measure by id, code or LAIT code. <c>FindAuthority</c>: an LA number from an LA number or
/// GSS code, including retired authorities. For EES files, <c>IndicatorColumns</c> maps indicator columns to
/// measures (a column named by a measure's id, code or LAIT code needs no entry) and <c>Filters</c> keeps only rows
/// whose filter columns hold the given values (e.g. <c>characteristic</c> = <c>Total</c>).
/// </summary>
public sealed record BenchmarkContext(
    Func<string, Measure?> FindMeasure,
    Func<string, int?> FindAuthority,
    IReadOnlyDictionary<string, string>? IndicatorColumns = null,
    IReadOnlyDictionary<string, string>? Filters = null)
{
    /// <summary>Lookups over a list of measures and authorities (LA number and GSS code, where it has one).</summary>
    public static BenchmarkContext From(IEnumerable<Measure> measures, IEnumerable<(int LaNumber, string? GssCode)> authorities)
    {
        var byKey = new Dictionary<string, Measure>(StringComparer.OrdinalIgnoreCase);
        var list = measures.ToList();
        foreach (var m in list) byKey.TryAdd(m.Id, m);
        foreach (var m in list.Where(m => m.LaitCode is not null)) byKey.TryAdd(m.LaitCode!, m);
        foreach (var m in list.Where(m => m.Code is not null)) byKey.TryAdd(m.Code!, m);
        var byCode = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (laNumber, gss) in authorities)
        {
            byCode.TryAdd(laNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), laNumber);
            if (gss is not null) byCode.TryAdd(gss, laNumber);
        }
        return new(key => byKey.GetValueOrDefault(key.Trim()), code => byCode.TryGetValue(code.Trim(), out var la) ? la : null);
    }
}
