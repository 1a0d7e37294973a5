using System.Globalization;

namespace KpiService.Domain.Tests.Golden;

/// <summary>One dashboard row of Gloucestershire's September 2021 report (seed 000): 13 months Sep-20..Sep-21 and the target.</summary>
public sealed record GloucestershireRow(string Name, string Group, string Arrow, double? Change, double? Distance, double?[] Values, double? Target)
{
    public double? Latest => Values[^1];
    public double? Previous => Values[^2];

    /// <summary>The published values as a monthly series (bare values, as extracted), skipping empty cells.</summary>
    public Dictionary<Period, MeasureValue> Series() =>
        Values.Select((v, i) => (Period: Gloucestershire.Month(i), Value: v)).Where(x => x.Value is not null)
            .ToDictionary(x => x.Period, x => new MeasureValue(x.Value!.Value, null, null));

    public List<(Period Period, double Value)> Points() => [.. Series().OrderBy(p => p.Key).Select(p => (p.Key, p.Value.Value))];

    public Polarity Polarity => Gloucestershire.LowerIsBetter.Any(Name.Contains) ? Polarity.Lower : Polarity.Higher;

    /// <summary>The row as a one-decimal percentage measure with the row's polarity.</summary>
    public Measure Measure() => new("m", null, Name, "", "Test", Unit.Percentage, Polarity, 1, Aggregation.Ratio);
}

/// <summary>The rows of seeds/000 as extracted into Golden/gloucestershire-2021-09.tsv.</summary>
public static class Gloucestershire
{
    public static readonly Period September2021 = Period.Month(2021, 9);

    /// <summary>Fragments of the names of the rows where lower is better (the report shows it by the arrows and commentary).</summary>
    public static readonly string[] LowerIsBetter =
    [
        "missing episode(s) in the last 12", "for more than 2 years", "Repeat referrals", "second/subsequent", "in care previously",
        "Out-of-County", "under S20", "3 or more placements", "school place is out-", "fixed-term excluded", "school move", "ongoing for more than 26 weeks",
    ];

    /// <summary>The month of the i-th value column: Sep-20 is 0, Sep-21 is 12.</summary>
    public static Period Month(int index)
    {
        var start = new DateOnly(2020, 9, 1).AddMonths(index);
        return Period.Month(start.Year, start.Month);
    }

    public static IReadOnlyList<GloucestershireRow> Rows { get; } =
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Golden", "gloucestershire-2021-09.tsv"))
            .Where(l => !l.StartsWith('#') && l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(f => new GloucestershireRow(f[1].Trim(), f[3], f[4], Percent(f[6]), Percent(f[7]), [.. f[8..21].Select(Percent)], f.Length > 21 ? Percent(f[21]) : null))];

    public static GloucestershireRow Row(string startsWith) => Rows.First(r => r.Name.StartsWith(startsWith, StringComparison.Ordinal));

    private static double? Percent(string cell) =>
        double.TryParse(cell.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
