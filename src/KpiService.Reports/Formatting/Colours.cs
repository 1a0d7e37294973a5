using System.Globalization;

namespace KpiService.Reports.Formatting;

/// <summary>
/// Colour arithmetic for label colours a council chooses: the text colour that reads on a fill (WCAG 2 relative
/// luminance, so "Red" on GOV.UK red #d4351c gets white text and "Yellow" on #ffdd00 gets black) and parsing of
/// the "#rrggbb" form <see cref="Domain.Catalogue.StatusLabel"/> holds. An unparseable colour falls back to grey.
/// </summary>
public static class Colours
{
    public const string Black = "#0b0c0c";
    public const string White = "#ffffff";
    private const string Fallback = "#b1b4b6";

    /// <summary>"#rrggbb" in lower case; three-digit forms are expanded; anything else becomes the fallback grey.</summary>
    public static string Normalise(string? colour)
    {
        var hex = (colour ?? "").Trim().TrimStart('#');
        if (hex.Length == 3) hex = string.Concat(hex.Select(c => new string(c, 2)));
        return hex.Length == 6 && int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _)
            ? "#" + hex.ToLowerInvariant()
            : Fallback;
    }

    /// <summary>The same colour as spreadsheet ARGB ("FF00703C").</summary>
    public static string Argb(string? colour) => "FF" + Normalise(colour)[1..].ToUpperInvariant();

    /// <summary>Black or white, whichever contrasts more with the fill.</summary>
    public static string TextOn(string? fill)
    {
        var luminance = Luminance(Normalise(fill));
        var withBlack = (luminance + 0.05) / (Luminance(Black) + 0.05);
        var withWhite = (1.05) / (luminance + 0.05);
        return withBlack >= withWhite ? Black : White;
    }

    public static double ContrastRatio(string a, string b)
    {
        var (la, lb) = (Luminance(Normalise(a)), Luminance(Normalise(b)));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(1 + offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(0) + 0.7152 * Channel(2) + 0.0722 * Channel(4);
    }
}
