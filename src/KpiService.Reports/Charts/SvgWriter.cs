using System.Globalization;
using System.Text;

namespace KpiService.Reports.Charts;

/// <summary>
/// Builds SVG markup as text: every text node and attribute escaped, coordinates in invariant culture, and the
/// root opened as an accessible image (role="img", labelled by its own &lt;title&gt; and &lt;desc&gt;, which state
/// the data in words). No script, no external reference: the same markup serves as an image/svg+xml response,
/// an &lt;img&gt; source and inline SVG in the board pack. Ids are prefixed so several charts can share one page.
/// </summary>
internal sealed class SvgWriter
{
    public const string FontFamily = "Arial, Helvetica, sans-serif";
    private readonly StringBuilder _svg = new(4096);

    public SvgWriter(double width, double height, string idPrefix, string title, string description, bool decorative = false)
    {
        var id = Id(idPrefix);
        _svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").Append(N(width)).Append("\" height=\"").Append(N(height))
            .Append("\" viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(N(height)).Append('"');
        if (decorative) _svg.Append(" aria-hidden=\"true\" focusable=\"false\"");
        else _svg.Append(" role=\"img\" aria-labelledby=\"").Append(id).Append("-title ").Append(id).Append("-desc\"");
        _svg.Append(" font-family=\"").Append(FontFamily).Append("\">");
        if (decorative) return;
        _svg.Append("<title id=\"").Append(id).Append("-title\">").Append(Escape(title)).Append("</title>");
        _svg.Append("<desc id=\"").Append(id).Append("-desc\">").Append(Escape(description)).Append("</desc>");
    }

    public SvgWriter Raw(string markup)
    {
        _svg.Append(markup);
        return this;
    }

    public SvgWriter Rect(double x, double y, double width, double height, string fill, string? extra = null) =>
        Raw($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, width))}\" height=\"{N(Math.Max(0, height))}\" fill=\"{Escape(fill)}\"{Extra(extra)}/>");

    public SvgWriter Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null) =>
        Raw($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{Escape(stroke)}\" stroke-width=\"{N(width)}\"" +
            (dash is null ? "" : $" stroke-dasharray=\"{dash}\"") + "/>");

    public SvgWriter Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width = 2)
    {
        if (points.Count < 2) return this;
        _svg.Append("<polyline fill=\"none\" stroke=\"").Append(Escape(stroke)).Append("\" stroke-width=\"").Append(N(width))
            .Append("\" stroke-linejoin=\"round\" points=\"");
        foreach (var (x, y) in points) _svg.Append(N(x)).Append(',').Append(N(y)).Append(' ');
        _svg.Length--;
        _svg.Append("\"/>");
        return this;
    }

    public SvgWriter Circle(double cx, double cy, double r, string fill, string? stroke = null, double strokeWidth = 1) =>
        Raw($"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{Escape(fill)}\"" +
            (stroke is null ? "" : $" stroke=\"{Escape(stroke)}\" stroke-width=\"{N(strokeWidth)}\"") + "/>");

    public SvgWriter Polygon(IEnumerable<(double X, double Y)> points, string fill, string? stroke = null) =>
        Raw($"<polygon points=\"{string.Join(' ', points.Select(p => N(p.X) + "," + N(p.Y)))}\" fill=\"{Escape(fill)}\"" +
            (stroke is null ? "" : $" stroke=\"{Escape(stroke)}\"") + "/>");

    /// <summary>Text at a point; <paramref name="anchor"/> is start, middle or end.</summary>
    public SvgWriter Text(double x, double y, string text, double size = 12, string anchor = "start", string fill = "#0b0c0c", bool bold = false) =>
        Raw($"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\" text-anchor=\"{anchor}\" fill=\"{Escape(fill)}\"" +
            (bold ? " font-weight=\"bold\"" : "") + $">{Escape(text)}</text>");

    public override string ToString() => _svg + "</svg>";

    /// <summary>Escapes text for an XML text node or a quoted attribute (see <see cref="Formatting.Markup"/>).</summary>
    public static string Escape(string? text) => Formatting.Markup.Escape(text);

    /// <summary>A coordinate with at most two decimals, invariant.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>An id prefix reduced to characters valid in an XML id.</summary>
    public static string Id(string prefix)
    {
        var cleaned = new string(prefix.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray());
        return cleaned.Length == 0 || !char.IsAsciiLetter(cleaned[0]) ? "c" + cleaned : cleaned;
    }

    private static string Extra(string? extra) => extra is null ? "" : " " + extra;
}
