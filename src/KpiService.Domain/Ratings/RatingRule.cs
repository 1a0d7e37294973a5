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

/// <summary>Explicit inclusive ranges per status, applied to the value rounded to the measure's decimal places.</summary>
public sealed record BandsRule(Period From, IReadOnlyList<Band> Bands, IReadOnlyDictionary<RagStatus, string>? Labels = null)
    : RatingRule(From, Labels);

/// <summary>Against a comparator group's average: green better, amber within the margin, red worse.</summary>
public sealed record BenchmarkRule(Period From, string Group, double Margin, IReadOnlyDictionary<RagStatus, string>? Labels = null)
    : RatingRule(From, Labels);

public sealed record Band(RagStatus Status, double? From, double? To);

public static class RatingRules
{
    /// <summary>The rule in force for a period: the latest one whose start is not after the period's start.</summary>
    public static RatingRule? InForce(IEnumerable<RatingRule> history, Period period) =>
        history.Where(rule => rule.From.Start <= period.Start).MaxBy(rule => rule.From.Start);

    public static RagStatus Rate(TargetRule rule, Polarity polarity, double value)
    {
        if (polarity == Polarity.Neutral) return RagStatus.Unrated;
        var shortfall = polarity == Polarity.Higher ? rule.Target - value : value - rule.Target;
        // Compare with a little slack so 95 - 5 = 89.99999999 does not turn a value on the tolerance edge red.
        return shortfall <= 1e-9 ? RagStatus.Green : shortfall <= rule.Tolerance + 1e-9 ? RagStatus.Amber : RagStatus.Red;
    }

    public static RagStatus Rate(BandsRule rule, Measure measure, double value)
    {
        var rounded = measure.Round(value);
        foreach (var band in rule.Bands)
            if ((band.From is null || rounded >= band.From - 1e-9) && (band.To is null || rounded <= band.To + 1e-9))
                return band.Status;
        return RagStatus.Unrated;
    }

    public static RagStatus Rate(BenchmarkRule rule, Polarity polarity, double value, double? groupAverage)
    {
        if (polarity == Polarity.Neutral || groupAverage is null) return RagStatus.Unrated;
        var better = polarity == Polarity.Higher ? value - groupAverage.Value : groupAverage.Value - value;
        return better > 1e-9 ? RagStatus.Green : -better <= rule.Margin + 1e-9 ? RagStatus.Amber : RagStatus.Red;
    }
}
