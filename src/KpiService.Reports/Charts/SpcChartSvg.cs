using System.Text;
using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;
using KpiService.Reports.Formatting;

namespace KpiService.Reports.Charts;

/// <summary>
/// An XmR chart as NHS England's "Making Data Count" draws it: the series in grey, the mean as a solid line, the
/// process limits dashed grey, the target dashed red; special-cause points orange where concerning, blue where
/// improving (purple for a neutral measure), and common-cause points grey; the variation and assurance icons top
/// right. Concern and improvement points also differ in shape, so the chart reads without colour.
/// </summary>
public static class SpcChartSvg
{
    public const double Width = 680, Height = 360;
    private const double Left = 56, Right = Width - 118;

    public static string Render(SpcChartInput input, string idPrefix = "spc")
    {
        var (measure, chart) = (input.Measure, input.Chart);
        var titleLines = ChartText.Wrap(measure.Title, 74, 2);
        var top = Math.Max(30 + 17 * titleLines.Count, 70);
        var bottom = Height - 66;
        double Clamp(double v) => measure.Unit == Unit.Percentage ? Math.Clamp(v, 0, 100) : v;
        var scale = new ChartScale(chart.Points.Select(p => p.Value)
            .Concat([chart.Mean, Clamp(chart.UpperProcessLimit), Clamp(chart.LowerProcessLimit)])
            .Concat(input.Target is { } t ? [t] : []), measure.Unit, top, bottom);
        bool OnScale(double v) => v >= scale.Min - 1e-9 && v <= scale.Max + 1e-9;
        string V(double v) => Display.Value(v, measure.Unit, measure.DecimalPlaces);

        var svg = new SvgWriter(Width, Height, idPrefix, $"Statistical process control chart: {measure.Title}", Describe(input));
        svg.Rect(0, 0, Width, Height, "#ffffff");
        for (var i = 0; i < titleLines.Count; i++) svg.Text(12, 22 + 17 * i, titleLines[i], 14, bold: true);
        MdcIconSvg.Variation(svg, Width - 84, 34, chart.Variation, MdcIcons.LatestIsHigh(chart));
        if (chart.Assurance != Assurance.NoTarget) MdcIconSvg.Assurance(svg, Width - 34, 34, chart.Assurance);
        ChartText.ValueAxis(svg, scale, Left, Right, measure);

        var labels = new List<(double Y, string Name, string Value, string Colour)>();
        void Reference(double value, string name, string colour, double width, string? dash)
        {
            if (!OnScale(value)) { labels.Add((double.NaN, name, V(value) + " (off scale)", colour)); return; }
            var y = scale.Y(value);
            svg.Line(Left, y, Right, y, colour, width, dash);
            labels.Add((y, name, V(value), colour));
        }
        Reference(chart.UpperProcessLimit, "Upper limit", MdcIconSvg.CommonCause, 1.5, "5 4");
        Reference(chart.Mean, "Mean", "#0b0c0c", 1.5, null);
        Reference(chart.LowerProcessLimit, "Lower limit", MdcIconSvg.CommonCause, 1.5, "5 4");
        if (input.Target is { } target) Reference(target, "Target", MdcIconSvg.TargetRed, 2, "8 4");
        RightLabels(svg, labels, bottom);

        var points = chart.Points;
        var step = points.Count > 1 ? (Right - Left - 20) / (points.Count - 1) : 0;
        double X(int i) => Left + 10 + i * step;
        svg.Polyline([.. points.Select((p, i) => (X(i), scale.Y(p.Value)))], "#7b7d7d", 1.5);
        var variations = new HashSet<Variation>();
        for (var i = 0; i < points.Count; i++)
        {
            var variation = MdcIcons.PointVariation(points[i], measure.Polarity);
            variations.Add(variation);
            Marker(svg, X(i), scale.Y(points[i].Value), variation, 4.5);
            if (points.Count <= 13 || i % 3 == (points.Count - 1) % 3)
                svg.Text(X(i), bottom + 18, Display.ShortPeriod(points[i].Period), 11, "middle", "#505a5f");
        }

        var x = Left;
        foreach (var variation in variations.Order())
        {
            Marker(svg, x + 5, Height - 26, variation, 4.5);
            var text = Legend(variation);
            svg.Text(x + 15, Height - 22, text, 11);
            x += 30 + text.Length * 6.2;
        }
        return svg.ToString();
    }

    private static void Marker(SvgWriter svg, double x, double y, Variation variation, double size)
    {
        var colour = MdcIconSvg.ColourOf(variation);
        switch (variation)
        {
            case Variation.SpecialCauseConcerning:
                svg.Polygon([(x, y - size * 1.4), (x + size * 1.4, y), (x, y + size * 1.4), (x - size * 1.4, y)], colour, "#6b4400");
                break;
            case Variation.SpecialCauseImproving:
            case Variation.SpecialCauseNeither:
                svg.Circle(x, y, size * 1.15, colour, "#0b0c0c");
                break;
            default:
                svg.Circle(x, y, size * 0.8, colour);
                break;
        }
    }

    private static string Legend(Variation variation) => variation switch
    {
        Variation.SpecialCauseImproving => "Special cause: improvement",
        Variation.SpecialCauseConcerning => "Special cause: concern",
        Variation.SpecialCauseNeither => "Special cause: neither",
        _ => "Common cause",
    };

    /// <summary>Labels for the reference lines at the right, nudged apart so close lines do not overprint.</summary>
    private static void RightLabels(SvgWriter svg, List<(double Y, string Name, string Value, string Colour)> labels, double bottom)
    {
        var placed = labels.Where(l => !double.IsNaN(l.Y)).OrderBy(l => l.Y).ToList();
        var previous = double.MinValue;
        foreach (var label in placed)
        {
            var y = Math.Max(label.Y, previous + 24);
            previous = y;
            svg.Text(Right + 6, y - 2, label.Name, 11, fill: "#0b0c0c", bold: true).Text(Right + 6, y + 11, label.Value, 11);
        }
        var off = labels.Where(l => double.IsNaN(l.Y)).ToList();
        for (var i = 0; i < off.Count; i++)
            svg.Text(Right + 6, bottom + 18 + 13 * i, $"{off[i].Name} {off[i].Value}", 10, fill: "#505a5f");
    }

    private static string Describe(SpcChartInput input)
    {
        var (measure, chart) = (input.Measure, input.Chart);
        string V(double v) => Display.Value(v, measure.Unit, measure.DecimalPlaces);
        var text = new StringBuilder($"{measure.Title}. XmR chart of {chart.Points.Count} points");
        if (chart.Points.Count > 0)
            text.Append($" from {Display.ShortPeriod(chart.Points[0].Period)} to {Display.ShortPeriod(chart.Points[^1].Period)}");
        text.Append($"; {Display.Word(measure.Polarity)}. Mean {V(chart.Mean)}, upper process limit {V(chart.UpperProcessLimit)}, ");
        text.Append($"lower process limit {V(chart.LowerProcessLimit)}");
        if (input.Target is { } target) text.Append($", target {V(target)}");
        text.Append($". Latest point: {MdcIcons.VariationWords(chart)}. Assurance: {MdcIcons.AssuranceWords(chart.Assurance)}. ");
        foreach (var point in chart.Points)
        {
            text.Append($"{Display.ShortPeriod(point.Period)}: {V(point.Value)}");
            var variation = MdcIcons.PointVariation(point, measure.Polarity);
            if (variation != Variation.CommonCause)
                text.Append($", {Legend(variation).ToLowerInvariant()} ({string.Join(", ", point.SpecialCauses.Select(MdcIcons.CauseWords))})");
            text.Append(". ");
        }
        return text.ToString().TrimEnd();
    }
}
