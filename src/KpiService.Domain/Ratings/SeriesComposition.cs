using KpiService.Domain.Figures;
using KpiService.Domain.Measures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Ratings;

public enum SeriesSource { Submitted, Computed, RolledUp }

/// <summary>The series a rating reads, where its period's value came from, and anything a reader should be warned of.</summary>
public sealed record ComposedSeries(IReadOnlyDictionary<Period, MeasureValue> Series, SeriesSource Source, string? RolledUpFrom, IReadOnlyList<string> Warnings);

/// <summary>
/// Builds the series a rating reads for one measure and breakdown from the figures of every breakdown: the authority
/// total takes a period's total rolled up from a complete dimension where none was submitted, and a submitted total that
/// disagrees with the sum of its parts carries a warning (DOMAIN.md "Breakdowns"; Rollup).
/// </summary>
public static class SeriesComposition
{
    public static ComposedSeries Compose(Measure measure, Period period, string breakdown,
        IReadOnlyDictionary<string, Dictionary<Period, MeasureValue>> byBreakdown, IReadOnlyDictionary<string, IReadOnlyList<string>> declaredDimensions)
    {
        var series = new Dictionary<Period, MeasureValue>(byBreakdown.GetValueOrDefault(breakdown) ?? []);
        var warnings = new List<string>();
        string? rolledUpFrom = null;
        if (breakdown.Length == 0 && declaredDimensions.Count > 0)
            foreach (var (p, total) in Rollup.Totals(measure, byBreakdown, declaredDimensions))
            {
                if (!series.TryGetValue(p, out var submitted))
                {
                    series[p] = total.Value;
                    if (p == period) rolledUpFrom = total.Dimension;
                }
                else if (p == period && Rollup.Disagree(measure, submitted, total.Value))
                    warnings.Add($"The submitted total ({Show(measure, submitted)}) differs from the sum of its {total.Parts} {total.Dimension} figures ({Show(measure, total.Value)}) by {measure.Round(submitted.Value - total.Value.Value)}.");
            }
        var source = rolledUpFrom is not null ? SeriesSource.RolledUp : series.ContainsKey(period) ? SeriesSource.Submitted : SeriesSource.Computed;
        return new ComposedSeries(series, source, rolledUpFrom, warnings);
    }

    /// <summary>Figures grouped by breakdown key ("" for the total), withdrawn ones left out.</summary>
    public static Dictionary<string, Dictionary<Period, MeasureValue>> ByBreakdown(IEnumerable<FigureRecord> figures) =>
        figures.Where(f => f is { Withdrawn: false, Current: not null }).GroupBy(f => f.Key.BreakdownKey)
            .ToDictionary(g => g.Key, g => g.ToDictionary(f => f.Key.Period, f => new MeasureValue(f.Current!.Value, f.Current.Numerator, f.Current.Denominator)));

    private static string Show(Measure measure, MeasureValue value) =>
        value.HasParts ? $"{measure.Round(value.Value)} = {value.Numerator}/{value.Denominator}" : measure.Round(value.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
