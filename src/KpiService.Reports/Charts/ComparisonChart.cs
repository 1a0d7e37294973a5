using System.Text;
using KpiService.Domain.Measures;
using KpiService.Reports.Formatting;

namespace KpiService.Reports.Charts;

/// <summary>
/// An authority beside its statistical neighbours, the neighbour average, its region and England, as horizontal
/// bars sorted best first by polarity (highest first where lower is not better). The authority is a solid blue bar
/// with a bold label; neighbours are grey; the averages (neighbours, region, England) are hollow outlined bars, so
/// the three kinds differ in more than colour. Entries without a figure are listed last, saying so.
/// </summary>
public static class ComparisonChart
{
    public const double Width = 680;
    private const double RowHeight = 24, LabelWidth = 250, BarLeft = LabelWidth + 10, BarRight = Width - 90;
    private const string AuthorityBlue = "#1d70b8", NeighbourGrey = "#626a6e", Ink = "#0b0c0c";

    public static string Render(ComparisonChartInput input, string idPrefix = "comparison")
    {
        var measure = input.Measure;
        var sorted = Sort(input.Entries, measure.Polarity);
        var titleLines = ChartText.Wrap(measure.Title, 86, 2);
        var top = 26 + 17 * titleLines.Count + 22;
        var height = top + sorted.Count * RowHeight + 62;
        var values = sorted.Where(e => e.Value is not null).Select(e => e.Value!.Value).ToList();
        var min = Math.Min(0, values.DefaultIfEmpty(0).Min());
        var max = Math.Max(values.DefaultIfEmpty(1).Max(), min + 1e-9);
        var step = ChartScale.NiceStep((max - min) / 5);
        (min, max) = (Math.Floor(min / step) * step, Math.Ceiling(max / step) * step);
        double X(double v) => BarLeft + (v - min) / (max - min) * (BarRight - BarLeft);

        var svg = new SvgWriter(Width, height, idPrefix, $"Comparison: {measure.Title}, {Display.ShortPeriod(input.Period)}", Describe(input, sorted));
        svg.Rect(0, 0, Width, height, "#ffffff");
        for (var i = 0; i < titleLines.Count; i++) svg.Text(12, 22 + 17 * i, titleLines[i], 14, bold: true);
        svg.Text(12, top - 12, $"{Display.LongPeriod(input.Period)} · {Display.Word(measure.Polarity)} · best first", 11, fill: "#505a5f");

        var axisBottom = top + sorted.Count * RowHeight + 4;
        for (var v = min; v <= max + step / 1000; v += step)
        {
            svg.Line(X(v), top - 4, X(v), axisBottom, "#dcdcdc");
            svg.Text(X(v), axisBottom + 14, Display.Number(v, step >= 1 ? 0 : 1) + (measure.Unit == Unit.Percentage ? "%" : ""), 11, "middle", "#505a5f");
        }
        for (var i = 0; i < sorted.Count; i++)
        {
            var entry = sorted[i];
            var y = top + i * RowHeight;
            var isAuthority = entry.Role == ComparisonRole.Authority;
            svg.Text(LabelWidth, y + 15, Truncate(entry.Name, 40), 12, "end", Ink, bold: isAuthority);
            if (entry.Value is not { } value)
            {
                svg.Text(BarLeft + 4, y + 15, "no figure", 11, fill: "#505a5f");
                continue;
            }
            // Bars grow from zero (the axis always includes it), so lengths compare honestly.
            var (x0, x1) = (X(Math.Min(0, value)), X(Math.Max(0, value)));
            switch (entry.Role)
            {
                case ComparisonRole.Authority: svg.Rect(x0, y + 3, x1 - x0, RowHeight - 6, AuthorityBlue); break;
                case ComparisonRole.Neighbour or ComparisonRole.Other: svg.Rect(x0, y + 5, x1 - x0, RowHeight - 10, NeighbourGrey); break;
                default: svg.Rect(x0 + 1, y + 5, x1 - x0 - 2, RowHeight - 10, "#ffffff", $"stroke=\"{Ink}\" stroke-width=\"2\""); break;
            }
            svg.Text(X(value) + 6, y + 16, Display.Value(value, measure.Unit, measure.DecimalPlaces), 12, fill: Ink, bold: isAuthority);
        }
        Legend(svg, axisBottom + 40);
        return svg.ToString();
    }

    private static void Legend(SvgWriter svg, double y)
    {
        const double x = 12;
        svg.Rect(x, y - 10, 18, 12, AuthorityBlue).Text(x + 24, y, "This authority", 11);
        svg.Rect(x + 130, y - 10, 18, 12, NeighbourGrey).Text(x + 154, y, "Statistical neighbour", 11);
        svg.Rect(x + 290, y - 10, 18, 12, "#ffffff", $"stroke=\"{Ink}\" stroke-width=\"2\"").Text(x + 314, y, "Average, region or England", 11);
    }

    /// <summary>Best first by polarity; no figure last; ties keep the order given.</summary>
    internal static List<ComparisonEntry> Sort(IReadOnlyList<ComparisonEntry> entries, Polarity polarity)
    {
        var withValues = entries.Where(e => e.Value is not null);
        var ordered = polarity == Polarity.Lower ? withValues.OrderBy(e => e.Value) : withValues.OrderByDescending(e => e.Value);
        return [.. ordered, .. entries.Where(e => e.Value is null)];
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "\u2026";

    private static string Describe(ComparisonChartInput input, List<ComparisonEntry> sorted)
    {
        var measure = input.Measure;
        var text = new StringBuilder($"{measure.Title}, {Display.LongPeriod(input.Period)}; {Display.Word(measure.Polarity)}. ");
        var ranked = sorted.Where(e => e.Value is not null && e.Role is ComparisonRole.Authority or ComparisonRole.Neighbour).ToList();
        var authority = ranked.FirstOrDefault(e => e.Role == ComparisonRole.Authority);
        if (authority is not null && measure.Polarity != Polarity.Neutral)
            text.Append($"{authority.Name} is {Ordinal(ranked.IndexOf(authority) + 1)} of {ranked.Count} among itself and its statistical neighbours. ");
        text.Append("Best first: ");
        text.Append(string.Join("; ", sorted.Where(e => e.Value is not null).Select((e, i) =>
            $"{i + 1}. {e.Name}{RoleNote(e.Role)} {Display.Value(e.Value!.Value, measure.Unit, measure.DecimalPlaces)}" +
            (e.Period is { } p && p != input.Period ? $" ({Display.ShortPeriod(p)})" : ""))));
        var missing = sorted.Where(e => e.Value is null).Select(e => e.Name).ToList();
        if (missing.Count > 0) text.Append($". No figure: {string.Join(", ", missing)}");
        return text.Append('.').ToString();
    }

    private static string RoleNote(ComparisonRole role) => role switch
    {
        ComparisonRole.Authority => " (this authority)",
        ComparisonRole.NeighbourAverage => " (average)",
        ComparisonRole.Region => " (region)",
        ComparisonRole.England => " (national)",
        _ => "",
    };

    internal static string Ordinal(int n) =>
        n + ((n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });
}
