using System.Globalization;
using KpiService.Domain.Periods;
using KpiService.Domain.Reference;
using KpiService.EventStore;
using KpiService.Infrastructure;
using KpiService.ReferenceData;
using Npgsql;
using NpgsqlTypes;

namespace KpiService.Features.Peers;

/// <summary>A published figure: authority (code = LA number), region (code = region GSS) or England (E92000001).</summary>
public sealed record BenchmarkRow(string Measure, Period Period, string Level, string Code, double? Value, string? Mark);

/// <summary>
/// Loads published figures with binary COPY into a staging table and upserts them, with a <c>BenchmarksImported</c>
/// event, in one transaction. Suppressed cells keep their mark and have no value.
/// </summary>
public sealed class BenchmarkImporter(NpgsqlDataSource dataSource, PostgresEventStore events, ReferenceStore reference)
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
        return await ImportAsync(rows, "LAIT", new EventMetadata("system", "seed"), cancellationToken);
    }

    public async Task<int> ImportAsync(IReadOnlyList<BenchmarkRow> rows, string source, EventMetadata metadata, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var stage = new NpgsqlCommand("CREATE TEMP TABLE benchmark_stage (LIKE kpi.benchmarks) ON COMMIT DROP", connection, transaction))
            await stage.ExecuteNonQueryAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY benchmark_stage (measure, period, period_end, level, code, value, mark, source) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(row.Measure, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.Period.ToString(), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.Period.End, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(row.Level, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.Code, NpgsqlDbType.Text, cancellationToken);
                if (row.Value is { } value) await copy.WriteAsync(value, NpgsqlDbType.Double, cancellationToken);
                else await copy.WriteNullAsync(cancellationToken);
                if (row.Mark is { } mark) await copy.WriteAsync(mark, NpgsqlDbType.Text, cancellationToken);
                else await copy.WriteNullAsync(cancellationToken);
                await copy.WriteAsync(source, NpgsqlDbType.Text, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO kpi.benchmarks SELECT DISTINCT ON (measure, period, level, code) * FROM benchmark_stage
            ON CONFLICT (measure, period, level, code) DO UPDATE SET value = excluded.value, mark = excluded.mark, source = excluded.source, period_end = excluded.period_end
            """, connection, transaction))
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        var imported = new BenchmarksImported(source, rows.Count, [.. rows.Select(r => r.Measure).Distinct().Order()]);
        var stream = $"benchmarks:{source}";
        var version = await events.StreamVersionAsync(stream, cancellationToken);
        await events.AppendAsync(connection, transaction, [new StreamWrite(stream, version, [EventSerializer.ToNew(imported)])], metadata, _ => { }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }
}
