using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Analytics;

/// <summary>
/// The three lists Southampton's improvement board pack opens with (seeds/001 lines 3–44): going well or better, ones
/// to watch, things to do better. A measure's group comes from its status, the judgement of its trend, its SPC reading
/// and how long it has been off target; the reason says which of them decided it ("red and declining for 3 periods").
/// The rule, first match wins (docs/analytics.md has the table):
/// <list type="number">
/// <item>neutral: watch when SPC finds special cause or the value is the highest or lowest in the window; else no group;</item>
/// <item>red: do better when declining, off target for the persistence threshold (3 periods) or more, SPC concerning,
///   or SPC assurance says the target will consistently fail; otherwise (a fresh red that is not getting worse) watch;</item>
/// <item>amber: watch;</item>
/// <item>green: watch when declining for the threshold or longer, SPC concerning or conflicting, or SPC assurance says the
///   target will consistently fail; otherwise going well;</item>
/// <item>unrated: watch when declining for the threshold or SPC concerning; going well when improving for the threshold
///   or SPC improving; otherwise no group.</item>
/// </list>
/// </summary>
public static class ExceptionGroups
{
    public const int DefaultPersistentPeriods = 3;

    public static ExceptionAssessment? Of(Measure measure, Rating rating, Persistence? persistence, SpcSignal? spc,
        int persistentPeriods = DefaultPersistentPeriods)
    {
        var kind = rating.Period.Kind;
        var (declining, improving) = Runs(rating, measure.Polarity);
        var offRun = persistence?.CurrentRunOffTarget ?? 0;
        var concerning = spc?.Variation == Variation.SpecialCauseConcerning;
        var conflicting = spc?.ConflictingSignals == true;
        var failing = spc?.Assurance == Assurance.ConsistentlyFails;

        var bad = new List<string>();
        if (declining > 0) bad.Add($"declining for {declining} {(declining == 1 ? "period" : "periods")}");
        if (offRun >= persistentPeriods) bad.Add($"off target for {offRun} {Words.Unit(kind, offRun)}");
        if (conflicting) bad.Add("SPC signals conflict (special cause both ways)");
        else if (concerning) bad.Add("SPC shows special cause concerning variation");
        if (failing) bad.Add("SPC limits say the target will consistently be missed");
        var good = new List<string>();
        if (improving > 0) good.Add($"improving for {improving} {(improving == 1 ? "period" : "periods")}");
        if (spc?.Variation == Variation.SpecialCauseImproving && !conflicting) good.Add("SPC shows special cause improving variation");

        switch (measure.Polarity == Polarity.Neutral ? (RagStatus?)null : rating.Status)
        {
            case null:
                if (spc is { Variation: Variation.SpecialCauseNeither } || persistence is { RecordHigh: true } or { RecordLow: true })
                    return new(ExceptionGroup.OnesToWatch, string.Join(" and ", Neutral(spc, persistence, kind)));
                return null;
            case RagStatus.Red:
                var persistent = declining > 0 || offRun >= persistentPeriods || concerning || conflicting || failing;
                return new(persistent ? ExceptionGroup.DoBetter : ExceptionGroup.OnesToWatch, Sentence("red", bad, good));
            case RagStatus.Amber:
                return new(ExceptionGroup.OnesToWatch, Sentence("amber", bad, good));
            case RagStatus.Green:
                var slipping = declining >= persistentPeriods || concerning || conflicting || failing;
                if (slipping) return new(ExceptionGroup.OnesToWatch, Sentence("green", bad, []));
                var onTarget = persistence is { PeriodsRated: > 1 } p ? [$"on target in {p.PeriodsOnTarget} of {p.PeriodsRated} {Words.Unit(kind, p.PeriodsRated)}"] : new List<string>();
                return new(ExceptionGroup.GoingWell, Sentence("green", [], [.. good, .. onTarget]));
            default:
                if (declining >= persistentPeriods || concerning || conflicting) return new(ExceptionGroup.OnesToWatch, Sentence("no target", bad, []));
                if (improving >= persistentPeriods || (spc?.Variation == Variation.SpecialCauseImproving && !conflicting)) return new(ExceptionGroup.GoingWell, Sentence("no target", [], good));
                return null;
        }
    }

    /// <summary>The current trend run as (declining periods, improving periods): one of them is zero.</summary>
    private static (int Declining, int Improving) Runs(Rating rating, Polarity polarity) =>
        rating.Trend is { } trend ? Movement.JudgementOf(trend.Direction, polarity) switch
        {
            Judgement.Declining => (trend.Periods, 0),
            Judgement.Improving => (0, trend.Periods),
            _ => (0, 0),
        } : (0, 0);

    /// <summary>"red and declining for 3 periods"; "green but declining for 4 periods"; "amber and off target for 5 months, but improving for 2 periods".</summary>
    private static string Sentence(string status, List<string> bad, List<string> good)
    {
        if (status == "no target") return string.Join(", ", [status, .. bad, .. good]);
        if (status == "green")
            return bad.Count > 0 ? $"green but {Join(bad)}" : good.Count > 0 ? $"green and {Join(good)}" : "green";
        return (bad.Count, good.Count) switch
        {
            (> 0, > 0) => $"{status} and {Join(bad)}, but {Join(good)}",
            (> 0, 0) => $"{status} and {Join(bad)}",
            (0, > 0) => $"{status} but {Join(good)}",
            _ => status,
        };
    }

    private static string Join(List<string> facts) =>
        facts.Count == 1 ? facts[0] : string.Join(", ", facts.Take(facts.Count - 1)) + " and " + facts[^1];

    private static IEnumerable<string> Neutral(SpcSignal? spc, Persistence? persistence, Periods.PeriodKind kind)
    {
        if (spc is { Variation: Variation.SpecialCauseNeither }) yield return $"special cause variation ({(spc.Icons.Variation.EndsWith("high") ? "high" : "low")})";
        if (persistence is { RecordHigh: true }) yield return $"highest in {persistence.Window} {Words.Unit(kind, persistence.Window)}";
        if (persistence is { RecordLow: true }) yield return $"lowest in {persistence.Window} {Words.Unit(kind, persistence.Window)}";
    }
}
