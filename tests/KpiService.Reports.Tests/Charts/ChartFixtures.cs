using KpiService.Reports.Charts;
using KpiService.Reports.Tests.Fixtures;

namespace KpiService.Reports.Tests.Charts;

/// <summary>The charts of real rows: Gloucestershire's measures (seeds/000) and LAIT's published comparison.</summary>
public static class ChartFixtures
{
    public static readonly Lazy<Dashboard> Gloucestershire = new(() => GloucestershireDashboard.Build());

    public static DashboardRow Row(string titleStart) =>
        Gloucestershire.Value.Groups.SelectMany(g => g.Rows).First(r => r.Measure.Title.StartsWith(titleStart, StringComparison.Ordinal));

    public static TrendChartInput Trend(string titleStart) => TrendChartInput.From(Row(titleStart), Gloucestershire.Value.Labels);

    public static SpcChartInput Spc(string titleStart)
    {
        var row = Row(titleStart);
        var series = row.Series.Where(p => p.Value is not null).Select(p => (p.Period, p.Value!.Value)).ToList();
        return new SpcChartInput(row.Measure, Domain.Ratings.Spc.Chart(series, row.Measure.Polarity, row.Assessment?.Rating.Target)!, row.Assessment?.Rating.Target);
    }

    /// <summary>Second or subsequent child protection plans, 2020-21: Gloucestershire, its neighbours, South West, England.</summary>
    public static ComparisonChartInput RepeatPlans() => LaitComparison.Build("PrevRegCPR", 2021, 916,
        new MeasureHeading("repeat-cp-plans", null, "% of children who became the subject of a plan for a second or subsequent time", "Child protection",
            Unit.Percentage, Polarity.Lower, 1));

    public const string ContactDecisions = "% of Initial contact decisions made within 24 hours";
}
