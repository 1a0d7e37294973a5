using System.Globalization;
using KpiService.Domain.Measures;

namespace KpiService.Domain.Ratings;

/// <summary>
/// Checks a band table the way a performance analyst would: at the measure's precision every value must fall in
/// exactly one band, and statuses must run in the polarity's direction. Real tables get this wrong ("17 or below
/// green, 18.1–20 amber" leaves 18 nowhere), so each defect is named with the values it affects.
/// </summary>
public static class BandTable
{
    public static List<string> Problems(Measure measure, IReadOnlyList<Band> bands)
    {
        var problems = new List<string>();
        if (measure.Polarity == Polarity.Neutral)
            return [$"measure '{measure.Id}' is neutral: it is never rated, so it takes no bands."];
        if (bands.Count == 0) return ["at least one band is required."];

        var step = Math.Pow(10, -measure.DecimalPlaces);
        string Show(double v) => v.ToString("F" + measure.DecimalPlaces, CultureInfo.InvariantCulture);
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            if (band.Status == RagStatus.Unrated) problems.Add($"bands[{i}]: status must be green, amber or red.");
            if (band.From > band.To) problems.Add($"bands[{i}]: from {Show(band.From!.Value)} is above to {Show(band.To!.Value)}.");
            foreach (var bound in new[] { band.From, band.To })
                if (bound is { } b && Math.Abs(measure.Round(b) - b) > 1e-9)
                    problems.Add($"bands[{i}]: bound {b} has more decimal places than the measure's {measure.DecimalPlaces}.");
        }
        if (problems.Count > 0) return problems;

        var ordered = bands.OrderBy(b => b.From ?? double.NegativeInfinity).ToList();
        if (ordered[0].From is { } lowest)
            problems.Add($"gap: values below {Show(lowest)} fall in no band.");
        if (ordered.Count(b => b.From is null) > 1)
            problems.Add("overlap: more than one band has no lower bound.");
        for (var i = 1; i < ordered.Count; i++)
        {
            var (previous, next) = (ordered[i - 1], ordered[i]);
            if (previous.To is not { } to)
            {
                problems.Add($"overlap: the {Name(previous)} band has no upper bound but the {Name(next)} band starts at {Show(next.From ?? 0)}.");
                continue;
            }
            var from = next.From!.Value;
            if (from > to + step + 1e-9)
                problems.Add($"gap: values from {Show(to + step)} to {Show(from - step)} fall in no band (between {Name(previous)} and {Name(next)}).");
            else if (from <= to + 1e-9)
                problems.Add($"overlap: values from {Show(from)} to {Show(Math.Min(to, next.To ?? to))} fall in both {Name(previous)} and {Name(next)}.");
        }
        if (ordered[^1].To is { } highest)
            problems.Add($"gap: values above {Show(highest)} fall in no band.");

        // Ascending values must move towards green for higher-is-better and away from it for lower-is-better.
        var goodness = ordered.Select(b => b.Status switch { RagStatus.Green => 2, RagStatus.Amber => 1, _ => 0 }).ToList();
        for (var i = 1; i < goodness.Count; i++)
        {
            var wrongWay = measure.Polarity == Polarity.Higher ? goodness[i] < goodness[i - 1] : goodness[i] > goodness[i - 1];
            if (wrongWay)
            {
                problems.Add($"direction: {Name(ordered[i - 1])} sits below {Name(ordered[i])}, but '{measure.Id}' is {(measure.Polarity == Polarity.Higher ? "higher" : "lower")}-is-better.");
                break;
            }
        }
        return problems;
    }

    private static string Name(Band band) => band.Status.ToString().ToLowerInvariant();
}
