using KpiService.Reports.Charts;

namespace KpiService.Reports.Tests.Fixtures;

/// <summary>
/// A real comparison from LAIT's long download the host ships and loads on first start (src/KpiService/ReferenceData): an authority,
/// its ten 2021-model statistical neighbours, their simple average, its region and England, for one measure and year.
/// </summary>
public static class LaitComparison
{
    public static ComparisonChartInput Build(string measureShort, int yearNum, int laNumber, MeasureHeading measure)
    {
        var golden = Path.Combine(AppContext.BaseDirectory, "Golden");
        var neighbours = File.ReadLines(Path.Combine(golden, "statistical-neighbours-2021.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[0] == laNumber.ToString()).OrderBy(f => int.Parse(f[2])).Select(f => f[3]).ToList();
        // LAIT's own long download (Short Desc, Data item, Years, LA and Regions, Values, LA Number, Region): 970 is England, 980–990 the regions.
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(golden, "lait-csc-all-long.csv.gz")), System.IO.Compression.CompressionMode.Decompress);
        using var text = new StreamReader(gzip);
        var rows = new List<List<string>>();
        text.ReadLine();
        while (text.ReadLine() is { } line)
            if (line.StartsWith(measureShort + ",", StringComparison.Ordinal) && SplitCsv(line) is var f && f[0] == measureShort && f[2] == yearNum.ToString()) rows.Add(f);
        double? Value(List<string> f) => double.TryParse(f[4], System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        static int Number(List<string> f) => int.Parse(f[5]);

        var period = Period.FinancialYearStarting(yearNum - 1);
        var self = rows.Single(f => Number(f) == laNumber);
        var entries = new List<ComparisonEntry> { new(self[3], Value(self), ComparisonRole.Authority, period) };
        var neighbourEntries = neighbours.Select(n => rows.Single(f => f[5] == n))
            .Select(f => new ComparisonEntry(f[3], Value(f), ComparisonRole.Neighbour, period)).ToList();
        entries.AddRange(neighbourEntries);
        var withValues = neighbourEntries.Where(e => e.Value is not null).ToList();
        entries.Add(new ComparisonEntry($"Statistical neighbours (average of {withValues.Count})", withValues.Average(e => e.Value), ComparisonRole.NeighbourAverage, period));
        var region = rows.Single(f => Number(f) is >= 980 and <= 990 && string.Equals(f[3], self[6], StringComparison.OrdinalIgnoreCase));
        entries.Add(new ComparisonEntry(region[3], Value(region), ComparisonRole.Region, period));
        var england = rows.Single(f => Number(f) == 970);
        entries.Add(new ComparisonEntry("England", Value(england), ComparisonRole.England, period));
        return new ComparisonChartInput(measure, period, entries);
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
