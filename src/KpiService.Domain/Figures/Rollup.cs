using KpiService.Domain.Measures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Figures;

/// <summary>A total computed from every value of one dimension (all localities, say).</summary>
public sealed record RolledUpTotal(MeasureValue Value, string Dimension, int Parts);

/// <summary>
/// Rolls breakdowns up to the authority total: counts summed, ratios from summed numerators and denominators.
/// Only where every declared value of the dimension reported, since a total of five localities out of six is not
/// a total. Rates and bare ratio values without their parts cannot be rolled up.
/// </summary>
public static class Rollup
{
    public static Dictionary<Period, RolledUpTotal> Totals(
        Measure measure,
        IReadOnlyDictionary<string, Dictionary<Period, MeasureValue>> byBreakdown,
        IReadOnlyDictionary<string, IReadOnlyList<string>> declaredDimensions)
    {
        var totals = new Dictionary<Period, RolledUpTotal>();
        foreach (var (dimension, values) in declaredDimensions)
        {
            var parts = values.Select(v => byBreakdown.GetValueOrDefault($"{dimension}:{v}")).ToList();
            if (parts.Count == 0 || parts.Any(p => p is null)) continue;
            foreach (var period in parts[0]!.Keys)
            {
                if (totals.ContainsKey(period) || parts.Any(p => !p!.ContainsKey(period))) continue;
                var cells = parts.Select(p => p![period]).ToList();
                if (Sum(measure, cells) is { } total) totals[period] = new RolledUpTotal(total, dimension, cells.Count);
            }
        }
        return totals;
    }

    private static MeasureValue? Sum(Measure measure, List<MeasureValue> cells)
    {
        if (measure.Unit == Unit.Count) return new MeasureValue(cells.Sum(c => c.Value), null, null);
        if (cells.Any(c => !c.HasParts)) return null;
        var numerator = cells.Sum(c => c.Numerator!.Value);
        var denominator = cells.Sum(c => c.Denominator!.Value);
        return MeasureValue.FromParts(measure.Unit, numerator, denominator) is { } value ? new MeasureValue(value, numerator, denominator) : null;
    }

    /// <summary>Whether a submitted total and the sum of its breakdowns disagree beyond the measure's display precision.</summary>
    public static bool Disagree(Measure measure, MeasureValue submitted, MeasureValue rolledUp) =>
        Math.Abs(measure.Round(submitted.Value) - measure.Round(rolledUp.Value)) > 1e-9
        || (submitted.HasParts && rolledUp.HasParts && (submitted.Numerator != rolledUp.Numerator || submitted.Denominator != rolledUp.Denominator));
}
