using KpiService.Domain.Ratings;

namespace KpiService.Reports.Charts;

/// <summary>
/// The NHS "Making Data Count" icons drawn as MDC draws them: a ringed circle in the signal's colour (grey common
/// cause, blue improvement, orange concern, purple neither), a short run of dots whose last points rise or fall in
/// that colour with an H or L for the side; assurance as a ring with P (passes, blue), F (fails, orange) or ?
/// (hit and miss, grey) over a dashed target line. Colours are NHS-R's plotthedots defaults.
/// </summary>
internal static class MdcIconSvg
{
    public const string CommonCause = "#7b7d7d";
    public const string Improvement = "#289de0";
    public const string Concern = "#fab428";
    public const string Neither = "#361475";
    public const string TargetRed = "#de1b1b";

    public static string ColourOf(Domain.Ratings.Variation variation) => variation switch
    {
        Domain.Ratings.Variation.SpecialCauseImproving => Improvement,
        Domain.Ratings.Variation.SpecialCauseConcerning => Concern,
        Domain.Ratings.Variation.SpecialCauseNeither => Neither,
        _ => CommonCause,
    };

    public static void Variation(SvgWriter svg, double cx, double cy, Domain.Ratings.Variation variation, bool high)
    {
        var colour = ColourOf(variation);
        svg.Circle(cx, cy, 20, "#ffffff", colour, 3);
        double[] offsets = variation == Domain.Ratings.Variation.CommonCause
            ? [1, -3, 2, -2, 3, -3, 1]
            : high ? [5, 4, 5, 3, -1, -4, -7] : [-5, -4, -5, -3, 1, 4, 7];
        var dotsY = variation == Domain.Ratings.Variation.CommonCause ? cy : cy + (high ? 6 : -6);
        var points = offsets.Select((o, i) => (X: cx - 13 + i * 26.0 / 6, Y: dotsY + o)).ToList();
        svg.Polyline(points, "#b1b4b6", 1.2);
        for (var i = 0; i < points.Count; i++)
        {
            var special = variation != Domain.Ratings.Variation.CommonCause && i >= 4;
            svg.Circle(points[i].X, points[i].Y, 2.1, special ? colour : CommonCause);
        }
        if (variation != Domain.Ratings.Variation.CommonCause)
            svg.Text(cx, high ? cy - 6 : cy + 14, high ? "H" : "L", 10, "middle", colour == Concern ? "#6b4400" : colour, bold: true);
    }

    public static void Assurance(SvgWriter svg, double cx, double cy, Domain.Ratings.Assurance assurance)
    {
        var (colour, letter, targetY) = assurance switch
        {
            Domain.Ratings.Assurance.ConsistentlyPasses => (Improvement, "P", cy + 11),
            Domain.Ratings.Assurance.ConsistentlyFails => (Concern, "F", cy - 11),
            _ => (CommonCause, "?", cy + 1),
        };
        svg.Circle(cx, cy, 20, "#ffffff", colour, 3);
        svg.Line(cx - 15, targetY, cx + 15, targetY, TargetRed, 1.5, "3 2");
        // The letter in a darker shade of an orange ring, which on white would not reach text contrast.
        svg.Text(cx, cy + 6, letter, 17, "middle", colour == Concern ? "#6b4400" : colour, bold: true);
    }
}
