using KpiService.Domain.Measures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Analytics;

/// <summary>The small vocabulary the analytics sentences share, so "months" and "steadily declining" read the same everywhere.</summary>
public static class Words
{
    public static string Unit(PeriodKind kind, int count) => (kind, count == 1) switch
    {
        (PeriodKind.Month, true) => "month",
        (PeriodKind.Month, false) => "months",
        (PeriodKind.Quarter, true) => "quarter",
        (PeriodKind.Quarter, false) => "quarters",
        (_, true) => "year",
        _ => "years",
    };

    /// <summary>"static", "fluctuating", or a steady trend read through polarity ("steadily declining"; "steadily rising" when neutral).</summary>
    public static string Stability(Stability stability, double slope, Polarity polarity) => stability switch
    {
        Analytics.Stability.Static => "static",
        Analytics.Stability.Fluctuating => "fluctuating",
        _ when polarity == Polarity.Neutral => slope >= 0 ? "steadily rising" : "steadily falling",
        _ => (slope >= 0) == (polarity == Polarity.Higher) ? "steadily improving" : "steadily declining",
    };

    /// <summary>English ordinals for ranks: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st.</summary>
    public static string Ordinal(int n) =>
        (n % 100) is 11 or 12 or 13 ? $"{n}th" : (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" };
}
