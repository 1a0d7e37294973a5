using System.Globalization;
using KpiService.Domain.Measures;

namespace KpiService.Domain.Ratings;

/// <summary>
/// Checks a band table the way a performance analyst would. Bands apply to the value rounded to the measure's
/// decimal places, so the table is checked on that grid: every value the measure can take must fall in exactly one
/// band, and statuses must run in the polarity's direction. A bound may carry more decimals than the measure
/// ("0–12 green, 12.1–14 amber, 14.1+ red" on a whole-number measure holds every whole number exactly once), but a
/// real defect is named with the values it affects: a gap ("17 or below green, 18.1–20 amber" leaves 17.1–18.0
/// nowhere), an overlap, a band that holds no value at all, or statuses in the wrong order.
/// </summary>
public static class BandTable
{
    public static List<string> Problems(Measure measure, IReadOnlyList<Band> bands)
    {
        if (measure.Polarity == Polarity.Neutral)
            return [$"measure '{measure.Id}' is neutral: it is never rated, so it takes no bands."];
        if (bands.Count == 0) return ["at least one band is required."];
        var problems = WrittenProblems(bands);
        if (problems.Count > 0) return problems;

        var grid = new Grid(measure);
        var spans = bands.Select((band, i) => (Band: band, Index: i, Low: grid.Low(band), High: grid.High(band))).ToList();
        foreach (var span in spans.Where(s => s.Low > s.High))
            problems.Add($"bands[{span.Index}]: holds no value at {measure.DecimalPlaces} decimal place(s): no value the measure can take lies {Written(span.Band)}.");
        if (problems.Count > 0) return problems;

        var ordered = spans.OrderBy(s => s.Low).ThenBy(s => s.Index).ToList();
        if (ordered.Count(s => s.Band.From is null && s.Band.Above is null) > 1)
            problems.Add("overlap: more than one band has no lower bound.");
        if (ordered[0].Low > grid.Min)
            problems.Add($"gap: values below {grid.Show(ordered[0].Low)} fall in no band.");
        for (var i = 1; i < ordered.Count; i++)
        {
            var (previous, next) = (ordered[i - 1], ordered[i]);
            if (previous.High >= grid.Max && previous.Band is { To: null, Below: null })
                problems.Add($"overlap: the {Name(previous.Band)} band has no upper bound but the {Name(next.Band)} band starts at {grid.Show(next.Low)}.");
            else if (next.Low > previous.High + 1)
                problems.Add($"gap: values from {grid.Show(previous.High + 1)} to {grid.Show(next.Low - 1)} fall in no band (between {Name(previous.Band)} and {Name(next.Band)}).");
            else if (next.Low <= previous.High)
                problems.Add($"overlap: values from {grid.Show(next.Low)} to {grid.Show(Math.Min(previous.High, next.High))} fall in both {Name(previous.Band)} and {Name(next.Band)}.");
        }
        if (ordered[^1].High < grid.Max)
            problems.Add($"gap: values above {grid.Show(ordered[^1].High)} fall in no band.");

        // Ascending values must move towards green for higher-is-better and away from it for lower-is-better.
        var goodness = ordered.Select(s => s.Band.Status switch { RagStatus.Green => 2, RagStatus.Amber => 1, _ => 0 }).ToList();
        for (var i = 1; i < goodness.Count; i++)
        {
            var wrongWay = measure.Polarity == Polarity.Higher ? goodness[i] < goodness[i - 1] : goodness[i] > goodness[i - 1];
            if (wrongWay)
            {
                problems.Add($"direction: {Name(ordered[i - 1].Band)} sits below {Name(ordered[i].Band)}, but '{measure.Id}' is {(measure.Polarity == Polarity.Higher ? "higher" : "lower")}-is-better.");
                break;
            }
        }
        return problems;
    }

    private static List<string> WrittenProblems(IReadOnlyList<Band> bands)
    {
        var problems = new List<string>();
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            if (band.Status == RagStatus.Unrated) problems.Add($"bands[{i}]: status must be green, amber or red.");
            if (band.From is not null && band.Above is not null) problems.Add($"bands[{i}]: give from (inclusive) or above (exclusive), not both.");
            if (band.To is not null && band.Below is not null) problems.Add($"bands[{i}]: give to (inclusive) or below (exclusive), not both.");
            if (new[] { band.From, band.To, band.Above, band.Below }.Any(b => b is { } v && !double.IsFinite(v)))
                problems.Add($"bands[{i}]: bounds must be finite numbers.");
            else if ((band.From ?? band.Above) is { } low && (band.To ?? band.Below) is { } high && low > high)
                problems.Add($"bands[{i}]: the lower bound {Number(low)} is above the upper bound {Number(high)}.");
        }
        return problems;
    }

    /// <summary>The values a measure can take, counted in steps of its precision: 0 up (no figure is negative), to 100 for percentages.</summary>
    private sealed class Grid(Measure measure)
    {
        private const double Slack = 1e-6;
        private readonly double _step = Math.Pow(10, -measure.DecimalPlaces);
        public long Min => 0;
        public long Max { get; } = measure.Unit == Unit.Percentage ? (long)Math.Round(100 * Math.Pow(10, measure.DecimalPlaces)) : (long)1e17;

        public long Low(Band band) => Math.Max(Min,
            band.From is { } from ? Steps(Math.Ceiling(from / _step - Slack))
            : band.Above is { } above ? Steps(Math.Floor(above / _step + Slack)) + 1
            : Min);

        public long High(Band band) => Math.Min(Max,
            band.To is { } to ? Steps(Math.Floor(to / _step + Slack))
            : band.Below is { } below ? Steps(Math.Ceiling(below / _step - Slack)) - 1
            : Max);

        // Bounds far beyond any figure (figures stay below 10^12) are clamped, so the cast cannot overflow.
        private static long Steps(double steps) => (long)Math.Clamp(steps, -1e17, 1e17);

        public string Show(long steps) => (steps * _step).ToString("F" + measure.DecimalPlaces, CultureInfo.InvariantCulture);
    }

    private static string Written(Band band)
    {
        var parts = new List<string>();
        if (band.From is { } from) parts.Add($"from {Number(from)}");
        if (band.Above is { } above) parts.Add($"above {Number(above)}");
        if (band.To is { } to) parts.Add($"to {Number(to)}");
        if (band.Below is { } below) parts.Add($"below {Number(below)}");
        return string.Join(" ", parts);
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Name(Band band) => band.Status.ToString().ToLowerInvariant();
}
