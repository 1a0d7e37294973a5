using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Analytics;

/// <summary>Window (default 12 periods), benchmark averages by period for benchmark rules, and an explicit stability band.</summary>
public sealed record PersistenceOptions(int Window = 12, IReadOnlyDictionary<Period, double>? BenchmarkAverages = null, double? StabilityThreshold = null);

/// <summary>
/// How long a measure has stood where it is over the last N periods, each period rated by the rule in force for it
/// (a target raised in April does not re-rate March). "On target" is green: the seeds' "meeting or better than target"
/// (seeds/000 line 129); amber is within tolerance but off target. A missing or unrated period ends a run: the service
/// does not claim "off target for 12 months" across a month it has no figure for.
/// </summary>
public static class PersistenceAnalysis
{
    public static Persistence? Of(Measure measure, IReadOnlyDictionary<Period, MeasureValue> series, IReadOnlyList<RatingRule> rules,
        Period period, PersistenceOptions? options = null)
    {
        options ??= new PersistenceOptions();
        if (options.Window < 2) throw new ArgumentOutOfRangeException(nameof(options), options.Window, "the window is at least 2 periods.");
        var window = Window(period, options.Window);
        var values = window.Select(p => RatingEngine.ValueFor(measure, series, p)?.Value.Value).ToArray();
        if (values[^1] is not { } latest) return null;
        var statuses = window.Select((p, i) => values[i] is { } v
            ? RatingRules.Apply(RatingRules.InForce(rules, p), measure, p, v, options.BenchmarkAverages?.GetValueOrDefault(p)).Status
            : RagStatus.Unrated).ToArray();

        var rated = statuses.Count(s => s != RagStatus.Unrated);
        var onTarget = statuses.Count(s => s == RagStatus.Green);
        var (longest, current) = RunsOffTarget(statuses);
        var lastOn = Array.FindLastIndex(statuses, s => s == RagStatus.Green);
        var known = values.Select((v, i) => (Position: i, Value: v)).Where(x => x.Value is not null).Select(x => (x.Position, x.Value!.Value)).ToList();
        var others = known.Take(known.Count - 1).Select(x => x.Value).ToList();
        var varied = others.Count > 0 && known.Max(x => x.Value) > known.Min(x => x.Value);
        // "Returned to highest level reported in 12 months" (seeds/000 line 250) counts equalling the high as a record.
        var (high, low) = (varied && latest >= others.Max(), varied && latest <= others.Min());
        var group = PerformanceGroups.Of(measure, latest);
        var previousGroup = values[^2] is { } previous ? PerformanceGroups.Of(measure, previous) : null;
        var changed = group is not null && previousGroup is not null && group != previousGroup;
        var (stability, slope) = StabilityClass.Of(known, measure, options.StabilityThreshold);

        var persistence = new Persistence(options.Window, rated, onTarget, longest, current, lastOn < 0 ? null : statuses.Length - 1 - lastOn,
            high, low, previousGroup, changed, stability, "", slope);
        return persistence with { Summary = Summary(persistence, measure, period.Kind, group) };
    }

    /// <summary>The window's periods, oldest first, ending with <paramref name="period"/>.</summary>
    public static List<Period> Window(Period period, int length)
    {
        var periods = new List<Period> { period };
        while (periods.Count < length) periods.Insert(0, periods[0].Previous);
        return periods;
    }

    private static (int Longest, int Current) RunsOffTarget(RagStatus[] statuses)
    {
        var (longest, run) = (0, 0);
        foreach (var status in statuses)
        {
            run = status is RagStatus.Amber or RagStatus.Red ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return (longest, run);
    }

    /// <summary>The seeds' key in words: "off target for 12 months", "6 of 12 months on target; fluctuating".</summary>
    public static string Summary(Persistence p, Measure measure, PeriodKind kind, int? group)
    {
        string Of(int n) => $"{n} {Words.Unit(kind, n)}";
        var parts = new List<string>();
        if (p.PeriodsRated > 0)
        {
            var whole = p.PeriodsRated == p.Window;
            if (p.PeriodsOnTarget == p.PeriodsRated)
                parts.Add(whole ? $"on target for {Of(p.Window)}" : $"on target in all {Of(p.PeriodsRated)} rated");
            else if (p.PeriodsOnTarget == 0 && p.CurrentRunOffTarget == p.Window)
                parts.Add($"off target for {Of(p.Window)}");
            else if (p.PeriodsOnTarget == 0)
                parts.Add($"off target in all {Of(p.PeriodsRated)} rated");
            else
                parts.Add($"{p.PeriodsOnTarget} of {Of(p.PeriodsRated)} on target" + p.CurrentRunOffTarget switch
                {
                    0 => "",
                    1 => $", off target in the latest {Words.Unit(kind, 1)}",
                    var n => $", off target for the last {Of(n)}",
                });
        }
        if (p.RecordHigh) parts.Add($"highest in {Of(p.Window)}");
        if (p.RecordLow) parts.Add($"lowest in {Of(p.Window)}");
        if (p.PerformanceGroupChanged) parts.Add($"moved from performance group {p.PreviousPerformanceGroup} to {group}");
        if (p.Stability is { } stability) parts.Add(Words.Stability(stability, p.TrendPerPeriod ?? 0, measure.Polarity));
        return parts.Count == 0 ? $"too few {Words.Unit(kind, 2)} to say" : string.Join("; ", parts);
    }
}
