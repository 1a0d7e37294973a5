using System.Text;
using KpiService.Domain.Dashboards;
using KpiService.Domain.Ratings;
using KpiService.Reports.Formatting;

namespace KpiService.Reports.Charts;

/// <summary>
/// A word-sized chart for a table row (the board pack's stand-in for the seeds' thirteen month columns): the series
/// as a thin line, the target as a dotted line, the latest point marked in its status colour and shape. Its title
/// gives the first and latest values; its description lists every month.
/// </summary>
public static class Sparkline
{
    public static string Render(TrendChartInput input, string idPrefix = "spark", double width = 140, double height = 40)
    {
        var (measure, series) = (input.Measure, input.Series);
        var present = series.Select((p, i) => (p, i)).Where(x => x.p.Value is not null).ToList();
        var scale = new ChartScale(present.Select(x => x.p.Value!.Value).Concat(input.Target is { } t ? [t] : []), measure.Unit, 5, height - 5, 2);
        var step = series.Count > 1 ? (width - 12) / (series.Count - 1) : 0;
        double X(int i) => series.Count == 1 ? width / 2 : 5 + i * step;

        var svg = new SvgWriter(width, height, idPrefix, Title(input), Describe(input));
        if (input.Target is { } target)
            svg.Line(2, scale.Y(target), width - 2, scale.Y(target), "#0b0c0c", 1, "2 2");
        foreach (var run in ChartText.Runs(series.Select(p => p.Value).ToList()))
        {
            if (run.Count == 1) svg.Circle(X(run[0]), scale.Y(series[run[0]].Value!.Value), 1.5, "#505a5f");
            svg.Polyline([.. run.Select(i => (X(i), scale.Y(series[i].Value!.Value)))], "#505a5f", 1.5);
        }
        if (present.Count > 0)
        {
            var (last, index) = present[^1];
            StatusMarker.Draw(svg, X(index), scale.Y(last.Value!.Value), last.Status ?? RagStatus.Unrated, input.Labels, 3.5);
        }
        return svg.ToString();
    }

    private static string Title(TrendChartInput input)
    {
        var (measure, series) = (input.Measure, input.Series);
        var present = series.Where(p => p.Value is not null).ToList();
        if (present.Count == 0) return $"{measure.Title}: no figures in the window";
        string Point(SeriesPoint p) => $"{Display.ShortPeriod(p.Period)} {Display.Value(p.Value!.Value, measure.Unit, measure.DecimalPlaces)}";
        return present.Count == 1 ? $"Trend: {Point(present[0])}" : $"Trend from {Point(present[0])} to {Point(present[^1])}";
    }

    private static string Describe(TrendChartInput input)
    {
        var (measure, series) = (input.Measure, input.Series);
        var text = new StringBuilder(measure.Title).Append(": ");
        foreach (var point in series)
            text.Append(Display.ShortPeriod(point.Period)).Append(' ')
                .Append(point.Value is { } v ? Display.Value(v, measure.Unit, measure.DecimalPlaces) : "no figure").Append("; ");
        if (input.Target is { } target) text.Append("target ").Append(Display.Value(target, measure.Unit, measure.DecimalPlaces)).Append('.');
        return text.ToString().TrimEnd(' ', ';');
    }
}
