using System.Globalization;
using KpiService.Domain.Periods;
using KpiService.Domain.Reference;
using KpiService.Common;
using KpiService.ReadModels.Reference;
using Npgsql;

namespace KpiService.Features.Peers;

/// <summary>A published figure: authority (code = LA number), region (code = region GSS) or England (E92000001).</summary>
public sealed record BenchmarkRow(string Measure, Period Period, string Level, string Code, double? Value, string? Mark);

/// <summary>
/// Records published figures as events, one per source and measure (so the benchmarks read model can be rebuilt).
/// Suppressed cells keep their mark and have no value.
/// </summary>
public sealed class BenchmarkImporter(NpgsqlDataSource dataSource, Marten.IDocumentSession session, ReferenceStore reference)
{
    public const string England = "E92000001";

    // LAIT's region rows are numbered 980–990; Inner and Outer London are LAIT's own split of London.
    private static readonly Dictionary<string, string> LaitRegions = new()
    {
        ["980"] = "E12000001", ["981"] = "E12000002", ["982"] = "E12000003", ["983"] = "E12000004", ["984"] = "E12000005",
        ["985"] = "E12000006", ["986"] = "E12000007", ["987"] = "inner-london", ["988"] = "outer-london", ["989"] = "E12000008", ["990"] = "E12000009",
    };

    /// <summary>LAIT year N is financial year (N−1)-N for "Financial Year" and "Annual" measures, N-(N+1) for end-of-September ones.</summary>
    public static Period LaitPeriod(int year, string yearType) =>
        Period.FinancialYearStarting(yearType.Contains("Sept", StringComparison.OrdinalIgnoreCase) ? year : year - 1);

    public async Task<bool> HasSourceAsync(string source, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM kpi.benchmarks WHERE source = $1)");
        command.Parameters.Add(new() { Value = source });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<int> ImportLaitAsync(string path, CancellationToken cancellationToken)
    {
        var byCode = reference.Current.Measures.Values.Where(m => m.Code is not null).ToDictionary(m => m.Code!, m => m.Id);
        var rows = new List<BenchmarkRow>();
        var csv = Csv.ReadAll(path);
        var header = csv[0].Fields.Select((name, index) => (name, index)).ToDictionary(h => h.name, h => h.index);
        foreach (var row in csv.Skip(1))
        {
            var f = row.Fields;
            if (!byCode.TryGetValue(f[header["measure_short"]], out var measure)) continue;
            var period = LaitPeriod(int.Parse(f[header["year_num"]], CultureInfo.InvariantCulture), f[header["year_type"]]);
            var la = f[header["la_number"]];
            var (level, code) = f[header["geography_level"]] switch
            {
                "National" => ("england", England),
                "Regional" => ("region", LaitRegions[la]),
                _ => ("authority", la),
            };
            var raw = f[header["value_raw"]].Trim();
            var value = double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null;
            rows.Add(new BenchmarkRow(measure, period, level, code, value, value is null ? raw : null));
        }
        return await ImportAsync(rows, "LAIT", cancellationToken);
    }

    /// <summary>One <c>BenchmarksPublished</c> event per measure, all in one unit of work: the import lands whole or not at all.</summary>
    public async Task<int> ImportAsync(IReadOnlyList<BenchmarkRow> rows, string source, CancellationToken cancellationToken)
    {
        foreach (var measure in rows.GroupBy(r => r.Measure))
        {
            var stream = ReferenceStreams.Benchmarks(source, measure.Key);
            var state = await session.Events.FetchStreamStateAsync(stream, cancellationToken);
            session.Events.Append(stream, (state?.Version ?? 0) + 1, new BenchmarksPublished(source, measure.Key,
                [.. measure.Select(r => new PublishedFigure(r.Period.ToString(), r.Period.Start, r.Period.End, r.Level, r.Code, r.Value, r.Mark))]));
        }
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (StoreFailures.IsConflict(e))
        {
            throw new ConflictException($"Figures from '{source}' were being imported by another request at the same moment; nothing was stored. Send the file again.");
        }
        return rows.Count;
    }
}
