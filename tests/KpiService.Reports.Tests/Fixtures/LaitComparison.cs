using KpiService.Reports.Charts;

namespace KpiService.Reports.Tests.Fixtures;

/// <summary>
/// A real comparison from the published LAIT outturns the host ships (src/KpiService/ReferenceData): an authority,
/// its ten 2021-model statistical neighbours, their simple average, its region and England, for one measure and year.
/// </summary>
public static class LaitComparison
{
    public static ComparisonChartInput Build(string measureShort, int yearNum, int laNumber, MeasureHeading measure)
    {
        var golden = Path.Combine(AppContext.BaseDirectory, "Golden");
        var neighbours = File.ReadLines(Path.Combine(golden, "statistical-neighbours-2021.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[0] == laNumber.ToString()).OrderBy(f => int.Parse(f[2])).Select(f => f[3]).ToList();
        var rows = File.ReadLines(Path.Combine(golden, "lait-key-csc-kpis-2016-2025.csv")).Skip(1)
            .Select(SplitCsv).Where(f => f[0] == measureShort && f[6] == yearNum.ToString()).ToList();
        double? Value(List<string> f) => double.TryParse(f[12], System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

        var period = Period.FinancialYearStarting(yearNum - 1);
        var self = rows.Single(f => f[7] == "Local authority" && f[8] == laNumber.ToString());
        var entries = new List<ComparisonEntry> { new(self[9], Value(self), ComparisonRole.Authority, period) };
        var neighbourEntries = neighbours.Select(n => rows.Single(f => f[7] == "Local authority" && f[8] == n))
            .Select(f => new ComparisonEntry(f[9], Value(f), ComparisonRole.Neighbour, period)).ToList();
        entries.AddRange(neighbourEntries);
        var withValues = neighbourEntries.Where(e => e.Value is not null).ToList();
        entries.Add(new ComparisonEntry($"Statistical neighbours (average of {withValues.Count})", withValues.Average(e => e.Value), ComparisonRole.NeighbourAverage, period));
        var region = rows.Single(f => f[7] == "Regional" && f[9] == self[10]);
        entries.Add(new ComparisonEntry(region[9], Value(region), ComparisonRole.Region, period));
        var england = rows.Single(f => f[7] == "National");
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
