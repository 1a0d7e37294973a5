using KpiService.Domain.Dashboards;
using KpiService.Domain.Measures;
using KpiService.Reports.Formatting;

namespace KpiService.Reports.Charts;

/// <summary>Small pieces the charts share: wrapped titles, the value axis, and the unbroken runs of a series.</summary>
internal static class ChartText
{
    /// <summary>Wraps at spaces to lines of at most <paramref name="width"/> characters; the last line ends in "…" if cut.</summary>
    public static List<string> Wrap(string text, int width, int maxLines)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = "";
            }
            line = line.Length == 0 ? word : line + " " + word;
        }
        if (line.Length > 0) lines.Add(line);
        if (lines.Count == 0) lines.Add("");
        if (lines.Count <= maxLines) return [.. lines.Select(l => l.Length > width ? l[..(width - 1)] + "\u2026" : l)];
        var kept = lines.Take(maxLines).ToList();
        var last = kept[^1];
        kept[^1] = (last.Length > width - 1 ? last[..(width - 1)] : last) + "\u2026";
        return kept;
    }

    /// <summary>Horizontal gridlines with their values at the left; percentages carry the % sign.</summary>
    public static void ValueAxis(SvgWriter svg, ChartScale scale, double left, double right, MeasureHeading measure)
    {
        foreach (var tick in scale.Ticks())
        {
            var y = scale.Y(tick);
            svg.Line(left, y, right, y, "#dcdcdc", 1);
            var label = Display.Number(tick, scale.TickDecimals) + (measure.Unit == Unit.Percentage ? "%" : "");
            svg.Text(left - 6, y + 4, label, 11, "end", "#505a5f");
        }
    }

    /// <summary>Index runs of consecutive present values: a line is drawn through each run and never across a gap.</summary>
    public static IEnumerable<List<int>> Runs(IReadOnlyList<double?> values)
    {
        var run = new List<int>();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null)
            {
                if (run.Count > 0) yield return run;
                run = [];
                continue;
            }
            run.Add(i);
        }
        if (run.Count > 0) yield return run;
    }
}
