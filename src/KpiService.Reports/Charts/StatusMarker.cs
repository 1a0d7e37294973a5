using KpiService.Domain.Catalogue;
using KpiService.Domain.Ratings;

namespace KpiService.Reports.Charts;

/// <summary>
/// A point's status drawn in the council's colour and in a shape of its own (green circle, amber diamond, red
/// square, unrated hollow ring), outlined in near-black, so the status survives greyscale printing and colour
/// blindness, and a pale fill such as yellow still stands out from white (WCAG 1.4.11 non-text contrast).
/// </summary>
internal static class StatusMarker
{
    private const string Outline = "#0b0c0c";

    public static void Draw(SvgWriter svg, double x, double y, RagStatus? status, LabelScheme labels, double size = 5)
    {
        var colour = Formatting.Colours.Normalise(labels.For(status ?? RagStatus.Unrated).Colour);
        switch (status)
        {
            case RagStatus.Green:
                svg.Circle(x, y, size, colour, Outline);
                break;
            case RagStatus.Amber:
                svg.Polygon([(x, y - size * 1.3), (x + size * 1.3, y), (x, y + size * 1.3), (x - size * 1.3, y)], colour, Outline);
                break;
            case RagStatus.Red:
                svg.Rect(x - size, y - size, size * 2, size * 2, colour, $"stroke=\"{Outline}\"");
                break;
            case RagStatus.Unrated:
                svg.Circle(x, y, size * 0.8, "#ffffff", Outline, 1.5);
                break;
            default:
                svg.Circle(x, y, size * 0.7, "#505a5f");
                break;
        }
    }

    /// <summary>A marker on its own, as a small decorative SVG beside a status word (the word carries the meaning).</summary>
    public static string Svg(RagStatus status, LabelScheme labels, double size = 14)
    {
        var svg = new SvgWriter(size, size, "marker", "", "", decorative: true);
        // A white tile behind the marker, so a red square on a red cell still reads as a filled square.
        svg.Rect(0, 0, size, size, "#ffffff", "rx=\"2\"");
        Draw(svg, size / 2, size / 2, status, labels, size * 0.3);
        return svg.ToString();
    }

    public static string ShapeName(RagStatus status) => status switch
    {
        RagStatus.Green => "circle",
        RagStatus.Amber => "diamond",
        RagStatus.Red => "square",
        _ => "ring",
    };
}
