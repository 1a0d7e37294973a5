using KpiService.Domain.Catalogue;
using KpiService.Domain.Dashboards;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;

namespace KpiService.Reports.Charts;

/// <summary>A measure's series with the target and tolerance in force, for the trend chart and the sparkline.</summary>
public sealed record TrendChartInput(MeasureHeading Measure, IReadOnlyList<SeriesPoint> Series, double? Target, double? Tolerance, LabelScheme Labels)
{
    /// <summary>From a dashboard row: its window, and the target and tolerance of the rule rated at its period.</summary>
    public static TrendChartInput From(DashboardRow row, LabelScheme labels) =>
        new(row.Measure, row.Series, row.Assessment?.Rating.Target,
            row.Assessment?.Rating.Rule is TargetRule ? row.Assessment.Rating.Tolerance : null, labels);
}

/// <summary>An XmR chart from <see cref="Spc.Chart"/> for a measure, with the target it is assured against.</summary>
public sealed record SpcChartInput(MeasureHeading Measure, SpcChart Chart, double? Target);

/// <summary>Who a bar in a comparison stands for. The authority is highlighted; the aggregates are drawn apart.</summary>
public enum ComparisonRole { Authority, Neighbour, NeighbourAverage, Region, England, Other }

/// <summary>One bar of a comparison chart: a name, its value (absent when it has no figure) and the value's period.</summary>
public sealed record ComparisonEntry(string Name, double? Value, ComparisonRole Role, Period? Period = null);

/// <summary>An authority set against its statistical neighbours, region and England for one measure and period.</summary>
public sealed record ComparisonChartInput(MeasureHeading Measure, Period Period, IReadOnlyList<ComparisonEntry> Entries);
