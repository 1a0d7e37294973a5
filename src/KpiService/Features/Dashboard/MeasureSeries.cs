using KpiService.Domain.Analytics;
using KpiService.Domain.Dashboards;
using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;

namespace KpiService.Features.Dashboard;

/// <summary>
/// A measure's window as the board pack draws it (the seeds' thirteen month columns, seeds/000 line 137): one point per
/// period of the dashboard's kind, each rated by the rule in force for that period, not by today's target, so a
/// stretch target set in April does not turn last winter red after the fact. Shared by the dashboard and the charts.
/// </summary>
public static class MeasureSeries
{
    /// <summary>The <paramref name="length"/> periods of <paramref name="period"/>'s kind ending with it, oldest first.</summary>
    public static IReadOnlyList<Period> Window(Period period, int length) => PersistenceAnalysis.Window(period, length);

    /// <summary>
    /// Values for each period of the window (quarters and years computed from their months where not submitted) and
    /// their statuses; the period's own point takes the assessment's status, which alone knows a benchmark average.
    /// </summary>
    public static IReadOnlyList<SeriesPoint> Points(Measure measure, IReadOnlyDictionary<Period, MeasureValue> series, IReadOnlyList<RatingRule> rules,
        IReadOnlyList<Period> window, Rating? rating)
    {
        var points = new List<SeriesPoint>(window.Count);
        foreach (var period in window)
        {
            if (RatingEngine.ValueFor(measure, series, period) is not var (value, _))
            {
                points.Add(new SeriesPoint(period, null, null));
                continue;
            }
            var status = rating is not null && rating.Period == period ? rating.Status
                : RatingRules.Apply(RatingRules.InForce(rules, period), measure, period, value.Value).Status;
            points.Add(new SeriesPoint(period, value.Value, status));
        }
        return points;
    }

    public static MeasureHeading Heading(Measure measure) =>
        new(measure.Id, measure.Code, measure.Title, measure.Area, measure.Unit, measure.Polarity, measure.DecimalPlaces);
}
