using KpiService.Domain.Measures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Ratings;

/// <summary>How an authority rates a measure from a period onwards. Labels are display names over the four statuses.</summary>
public abstract record RatingRule(Period From, IReadOnlyDictionary<RagStatus, string>? Labels)
{
    public string LabelFor(RagStatus status) =>
        Labels is not null && Labels.TryGetValue(status, out var label) ? label : status.ToString().ToLowerInvariant();
}

/// <summary>Green at or beyond the target in the polarity's direction; amber when worse by no more than the tolerance; red beyond.</summary>
public sealed record TargetRule(Period From, double Target, double Tolerance, IReadOnlyDictionary<RagStatus, string>? Labels = null)
    : RatingRule(From, Labels);

/// <summary>Explicit ranges per status, applied to the value rounded to the measure's decimal places.</summary>
public sealed record BandsRule(Period From, IReadOnlyList<Band> Bands, IReadOnlyDictionary<RagStatus, string>? Labels = null)
    : RatingRule(From, Labels);

/// <summary>Against a comparator group's average: green better, amber within the margin, red worse.</summary>
public sealed record BenchmarkRule(Period From, string Group, double Margin, IReadOnlyDictionary<RagStatus, string>? Labels = null)
    : RatingRule(From, Labels);

/// <summary>
/// One band of a table, as councils write them: <c>From</c> and <c>To</c> are inclusive ("85%–89%", "90% or above"),
/// <c>Above</c> and <c>Below</c> exclusive ("below 90%", "above 14"), so "85%–89% amber, 90% or above green" is
/// written amber { from 85, below 90 } without inventing 89.9. A missing bound is open. Give at most one lower
/// (from / above) and one upper (to / below) bound.
/// </summary>
public sealed record Band(RagStatus Status, double? From, double? To, double? Above = null, double? Below = null)
{
    /// <summary>Whether the band holds a value already rounded to the measure's precision.</summary>
    public bool Holds(double rounded) =>
        (From is not { } from || rounded >= from - 1e-9) && (Above is not { } above || rounded > above + 1e-9)
        && (To is not { } to || rounded <= to + 1e-9) && (Below is not { } below || rounded < below - 1e-9);
}

public static class RatingRules
{
    /// <summary>The rule in force for a period: the latest one whose start is not after the period's start.</summary>
    public static RatingRule? InForce(IEnumerable<RatingRule> history, Period period) =>
        history.Where(rule => rule.From.Start <= period.Start).MaxBy(rule => rule.From.Start);

    /// <summary>
    /// A value rated by whichever rule is in force: the status and, for target, trajectory and benchmark rules, the
    /// target the value was held to and its tolerance. Neutral measures are never rated.
    /// </summary>
    public static (RagStatus Status, double? Target, double? Tolerance) Apply(
        RatingRule? rule, Measure measure, Period period, double value, double? benchmarkAverage = null)
    {
        var (status, target, tolerance) = rule switch
        {
            TargetRule t => (Rate(t, measure.Polarity, value), (double?)t.Target, (double?)t.Tolerance),
            TrajectoryRule p => (Rate(p, measure.Polarity, period, value), p.TargetFor(period), p.Tolerance),
            BandsRule b => (Rate(b, measure, value), null, null),
            BenchmarkRule m => (Rate(m, measure.Polarity, value, benchmarkAverage), benchmarkAverage, (double?)m.Margin),
            _ => (RagStatus.Unrated, null, null),
        };
        return (measure.Polarity == Polarity.Neutral ? RagStatus.Unrated : status, target, tolerance);
    }

    public static RagStatus Rate(TargetRule rule, Polarity polarity, double value) => AgainstTarget(rule.Target, rule.Tolerance, polarity, value);

    /// <summary>A trajectory is rated like a target, against the point its straight-line path has reached by the period.</summary>
    public static RagStatus Rate(TrajectoryRule rule, Polarity polarity, Period period, double value) =>
        AgainstTarget(rule.TargetFor(period), rule.Tolerance, polarity, value);

    public static RagStatus Rate(BandsRule rule, Measure measure, double value)
    {
        var rounded = measure.Round(value);
        foreach (var band in rule.Bands)
            if (band.Holds(rounded))
                return band.Status;
        return RagStatus.Unrated;
    }

    public static RagStatus Rate(BenchmarkRule rule, Polarity polarity, double value, double? groupAverage)
    {
        if (polarity == Polarity.Neutral || groupAverage is null) return RagStatus.Unrated;
        var better = polarity == Polarity.Higher ? value - groupAverage.Value : groupAverage.Value - value;
        return better > 1e-9 ? RagStatus.Green : -better <= rule.Margin + 1e-9 ? RagStatus.Amber : RagStatus.Red;
    }

    private static RagStatus AgainstTarget(double target, double tolerance, Polarity polarity, double value)
    {
        if (polarity == Polarity.Neutral) return RagStatus.Unrated;
        var shortfall = polarity == Polarity.Higher ? target - value : value - target;
        // Compare with a little slack so 95 - 5 = 89.99999999 does not turn a value on the tolerance edge red.
        return shortfall <= 1e-9 ? RagStatus.Green : shortfall <= tolerance + 1e-9 ? RagStatus.Amber : RagStatus.Red;
    }
}
