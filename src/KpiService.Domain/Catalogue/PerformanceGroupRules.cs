using System.Globalization;
using KpiService.Domain.Figures;
using KpiService.Domain.Measures;

namespace KpiService.Domain.Catalogue;

/// <summary>
/// A council's performance-group bands (the seeds' 1/2/3: Gloucestershire's "1 - strong, consistent", seeds/000
/// line 193) are read best first by <see cref="Ratings.PerformanceGroups.Of"/>, so a table must run in the
/// polarity's direction: for higher-is-better each band starts below the one before (90, 80, rest), for
/// lower-is-better above it (10, 20, rest). A table that does not is refused, naming the band, rather than
/// silently giving every value the first group.
/// </summary>
public static class PerformanceGroupRules
{
    public const int MaxBands = 9;

    public static List<FieldProblem> Check(Measure measure, IReadOnlyList<PerformanceGroupBand>? bands, string field = "performanceGroups")
    {
        var problems = new List<FieldProblem>();
        if (bands is null) return problems;
        void Problem(int index, string message) => problems.Add(new($"{field}[{index}]", message));

        if (measure.Polarity == Polarity.Neutral)
            return [new(field, $"performance groups do not apply to '{measure.Id}': it is neutral, so no level is better than another.")];
        if (bands.Count is < 2 or > MaxBands)
            return [new(field, $"has {bands.Count} bands; give 2 to {MaxBands}, best first, the last without 'from' to take the rest.")];

        var higher = measure.Polarity == Polarity.Higher;
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            var last = i == bands.Count - 1;
            if (band.Group < 1) Problem(i, $"group {band.Group} must be 1 or more.");
            if (i > 0 && band.Group <= bands[i - 1].Group)
                Problem(i, $"group {band.Group} follows group {bands[i - 1].Group}: list groups best first, numbered upwards (1, 2, 3).");
            if (last && band.From is not null)
                Problem(i, "the last band takes every value the others do not: leave its 'from' empty.");
            if (!last && band.From is null)
                Problem(i, "only the last band may leave 'from' empty.");
            if (band.From is not { } from) continue;
            if (!double.IsFinite(from)) { Problem(i, "'from' must be a finite number."); continue; }
            if (measure.Unit == Unit.Percentage && from is < 0 or > 100)
                Problem(i, $"'from' {Show(from)} is outside 0–100 for a percentage.");
            if (i > 0 && bands[i - 1].From is { } before && (higher ? from >= before : from <= before))
                Problem(i, higher
                    ? $"'from' {Show(from)} is not below the previous band's {Show(before)}: for a higher-is-better measure each band starts lower than the one before."
                    : $"'from' {Show(from)} is not above the previous band's {Show(before)}: for a lower-is-better measure each band starts higher than the one before.");
        }
        return problems;
    }

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
