using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Analytics;

/// <summary>
/// Where a measure is heading: a flow's year-end total from its year-to-date run rate (Darlington's cumulative
/// columns, seeds/002 lines 93–98, 462–467, set against last year's outturn in the annual trend), and the trend
/// towards a trajectory target ("200 by 2023", seeds/001 lines 919–920).
/// </summary>
public static class Forecasts
{
    public const string RunRate = "run rate: year to date ÷ months elapsed × 12";

    /// <summary>
    /// Year to date scaled to the whole year. Only flows have a run rate: counts summed over months, and rates per
    /// 10,000 of a flow (the count is projected over the latest population). A snapshot has no run rate, and a
    /// percentage's year-end value is not its year to date scaled up, so both say why instead.
    /// </summary>
    public static Forecast YearEnd(Measure measure, IReadOnlyDictionary<Period, MeasureValue> series, Period month, YearBasis basis = YearBasis.Financial)
    {
        var yearEnd = basis.LastMonth(month.Kind == PeriodKind.Month ? month : Period.Month(month.End.Year, month.End.Month));
        var elapsed = basis.FirstMonth(yearEnd).MonthsUntil(month) + 1;
        Forecast Not(string why) => new(yearEnd, null, elapsed, RunRate, why);
        if (month.Kind != PeriodKind.Month) return Not("a run rate is projected from a month.");
        if (measure.Aggregation == Aggregation.Snapshot) return Not($"'{measure.Id}' is a snapshot: it has no run rate to project.");
        if (measure.Unit != Unit.Count && !measure.Unit.IsPopulationRate())
            return Not($"'{measure.Id}' is a {measure.Unit.ToString().ToLowerInvariant()}: its year-end value is not its year to date scaled up.");

        var ytd = Aggregates.YearToDate(measure, series, month, basis);
        if (ytd.Value is not { } value) return Not("no year to date: " + ytd.NotComputedBecause);
        return new Forecast(yearEnd, value * 12.0 / elapsed, elapsed, RunRate, null);
    }

    /// <summary>
    /// The least-squares line through the last <paramref name="window"/> periods (at least 3), extended to the
    /// trajectory's end, against the trajectory's target there: "on current trend 87 by 2023-03, against 200".
    /// </summary>
    public static Forecast Trajectory(Measure measure, IReadOnlyDictionary<Period, MeasureValue> series, TrajectoryRule rule, Period period, int window = 12)
    {
        var points = PersistenceAnalysis.Window(period, window)
            .Select((p, i) => (Position: i, Value: RatingEngine.ValueFor(measure, series, p)?.Value.Value))
            .Where(x => x.Value is not null).Select(x => (x.Position, Value: x.Value!.Value)).ToList();
        var end = rule.By;
        var method = $"linear trend of the last {points.Count} {Words.Unit(period.Kind, points.Count)} to the trajectory's end";
        var ahead = Steps(period, end);
        var elapsed = Math.Max(0, Period.Month(rule.From.End.Year, rule.From.End.Month).MonthsUntil(Period.Month(period.End.Year, period.End.Month)));
        if (points.Count < 3) return new(end, null, elapsed, method, $"a trend needs at least 3 {Words.Unit(period.Kind, 2)} of figures.", rule.Target);
        if (ahead < 0) return new(end, null, elapsed, method, $"the trajectory ended at {end}.", rule.Target);

        var (mx, my) = (points.Average(p => p.Position), points.Average(p => p.Value));
        var sxx = points.Sum(p => (p.Position - mx) * (p.Position - mx));
        var slope = points.Sum(p => (p.Position - mx) * (p.Value - my)) / sxx;
        var projected = my + slope * (window - 1 + ahead - mx);
        return new Forecast(end, projected, elapsed, method, null, rule.Target);
    }

    /// <summary>Periods of <paramref name="from"/>'s kind from it to <paramref name="to"/>'s last month.</summary>
    private static int Steps(Period from, Period to)
    {
        var months = from.MonthsUntil(Period.Month(to.End.Year, to.End.Month)) - (from.Months().Count() - 1);
        return from.Kind switch { PeriodKind.Month => months, PeriodKind.Quarter => months / 3, _ => months / 12 };
    }
}
