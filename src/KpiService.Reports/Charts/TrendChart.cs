using System.Text;
using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;
using KpiService.Reports.Formatting;

namespace KpiService.Reports.Charts;

/// <summary>
/// The seeds' "chart per measure" (seeds/000 lines 137–259 print thirteen months against a target): the series as a
/// line, each point marked in its RAG colour and shape, the target as a dashed line and the tolerance as a pale band
/// on the worse side of it, month labels beneath. Gaps in the series break the line rather than bridge it.
/// </summary>
public static class TrendChart
{
    public const double Width = 680, Height = 330;
    private const double Left = 56, Right = Width - 104;

    public static string Render(TrendChartInput input, string idPrefix = "trend")
    {
        var (measure, series, labels) = (input.Measure, input.Series, input.Labels);
        var titleLines = ChartText.Wrap(measure.Title, 86, 2);
        var top = 30 + 17 * titleLines.Count;
        var bottom = Height - 66;
        var band = ToleranceBand(input);
        var scale = new ChartScale(series.Where(p => p.Value is not null).Select(p => p.Value!.Value)
            .Concat(input.Target is { } t ? [t] : []).Concat(band is { } b ? [b.Low, b.High] : []), measure.Unit, top, bottom);

        var svg = new SvgWriter(Width, Height, idPrefix, $"Trend: {measure.Title}", Describe(input, band));
        svg.Rect(0, 0, Width, Height, "#ffffff");
        for (var i = 0; i < titleLines.Count; i++) svg.Text(12, 22 + 17 * i, titleLines[i], 14, bold: true);
        ChartText.ValueAxis(svg, scale, Left, Right, measure);

        if (band is { } tolerance)
        {
            var (y1, y2) = (scale.Y(tolerance.High), scale.Y(tolerance.Low));
            svg.Rect(Left, y1, Right - Left, y2 - y1, "#ffdd00", "fill-opacity=\"0.22\"");
            // Labelled beside its middle when the band is tall enough, else beyond its outer edge, clear of the target's label.
            var labelY = y2 - y1 >= 16 ? (y1 + y2) / 2 + (input.Measure.Polarity == Polarity.Higher ? 6 : -2)
                : input.Measure.Polarity == Polarity.Higher ? y2 + 12 : y1 - 4;
            svg.Text(Right + 6, labelY, "Tolerance", 11, fill: "#505a5f");
        }
        if (input.Target is { } target)
        {
            var y = scale.Y(target);
            svg.Line(Left, y, Right, y, "#0b0c0c", 1.5, "6 4");
            var labelY = input.Measure.Polarity == Polarity.Lower ? y + 12 : y - 4;
            svg.Text(Right + 6, labelY, $"Target {Display.Value(target, measure.Unit, measure.DecimalPlaces)}", 11, bold: true);
        }

        var step = series.Count > 1 ? (Right - Left - 20) / (series.Count - 1) : 0;
        double X(int i) => series.Count == 1 ? (Left + Right) / 2 : Left + 10 + i * step;
        foreach (var run in ChartText.Runs(series.Select(p => p.Value).ToList()))
            svg.Polyline([.. run.Select(i => (X(i), scale.Y(series[i].Value!.Value)))], "#505a5f", 2);
        for (var i = 0; i < series.Count; i++)
        {
            if (series[i].Value is { } value) StatusMarker.Draw(svg, X(i), scale.Y(value), series[i].Status ?? RagStatus.Unrated, labels);
            if (series.Count <= 13 || i % 2 == (series.Count - 1) % 2)
                svg.Text(X(i), bottom + 18, Display.ShortPeriod(series[i].Period), 11, "middle", "#505a5f");
        }
        var latest = series.Select((p, i) => (p, i)).LastOrDefault(x => x.p.Value is not null);
        if (latest.p is { Value: { } last })
            // Ends at the point, so it never runs into the labels in the right margin.
            svg.Text(X(latest.i) + 4, scale.Y(last) - 10, Display.Value(last, measure.Unit, measure.DecimalPlaces), 12, "end", bold: true);

        Legend(svg, labels, series.Where(p => p.Value is not null).Select(p => p.Status ?? RagStatus.Unrated).Distinct().Order().ToList(), Height - 22);
        return svg.ToString();
    }

    /// <summary>The amber band: from the target to the tolerance on the worse side, by polarity.</summary>
    internal static (double Low, double High)? ToleranceBand(TrendChartInput input) =>
        input is { Target: { } target, Tolerance: { } tolerance } && tolerance > 0
            ? input.Measure.Polarity switch
            {
                Polarity.Higher => (target - tolerance, target),
                Polarity.Lower => (target, target + tolerance),
                _ => null,
            }
            : null;

    private static void Legend(SvgWriter svg, Domain.Catalogue.LabelScheme labels, List<RagStatus> statuses, double y)
    {
        var x = Left;
        foreach (var status in statuses)
        {
            StatusMarker.Draw(svg, x + 5, y - 4, status, labels);
            var text = RowFacts.StatusInWords(status, labels);
            svg.Text(x + 15, y, text, 11);
            x += 30 + text.Length * 6.2;
        }
    }

    private static string Describe(TrendChartInput input, (double Low, double High)? band)
    {
        var (measure, series) = (input.Measure, input.Series);
        var text = new StringBuilder();
        text.Append(measure.Title).Append(". ");
        if (series.Count > 0)
            text.Append($"Values from {Display.ShortPeriod(series[0].Period)} to {Display.ShortPeriod(series[^1].Period)}; {Display.Word(measure.Polarity)}. ");
        if (input.Target is { } target) text.Append($"Target {Display.Value(target, measure.Unit, measure.DecimalPlaces)}. ");
        if (band is { } b)
            text.Append($"Tolerance {Display.Amount(input.Tolerance!.Value, measure.Unit, measure.DecimalPlaces)}: within tolerance from " +
                        $"{Display.Value(b.Low, measure.Unit, measure.DecimalPlaces)} to {Display.Value(b.High, measure.Unit, measure.DecimalPlaces)}. ");
        foreach (var point in series)
        {
            text.Append(Display.ShortPeriod(point.Period)).Append(": ");
            text.Append(point.Value is { } v ? Display.Value(v, measure.Unit, measure.DecimalPlaces) : "no figure");
            if (point is { Value: not null, Status: { } status }) text.Append(", ").Append(RowFacts.StatusInWords(status, input.Labels));
            text.Append(". ");
        }
        return text.ToString().TrimEnd();
    }
}
