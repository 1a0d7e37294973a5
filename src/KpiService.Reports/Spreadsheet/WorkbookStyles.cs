using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;
using KpiService.Reports.Formatting;

namespace KpiService.Reports.Spreadsheet;

/// <summary>
/// The workbook's cell formats, registered as the sheets ask for them and written last (the styles part is a part
/// like any other, so it can follow the sheets). Percentages are stored in points, as the API and CSV carry them
/// (92.7, not 0.927), and shown with a literal % sign and the measure's decimal places: the cell holds exactly the
/// number every other rendering shows. RAG cells take the council's label colour as fill, with black or white
/// text, whichever reads.
/// </summary>
internal sealed class WorkbookStyles
{
    private const int FontNormal = 0, FontBold = 1, FontTitle = 2, FontWhite = 3, FontGrey = 4;
    private const int FillHeader = 2;
    private readonly List<string> _fills = [];                 // ARGB of the solid fills after the two required ones
    private readonly List<string> _formats = [];               // custom number formats, ids from 164
    private readonly Dictionary<(uint Format, int Font, int Fill, bool Wrap, bool Border), uint> _xfs = [];
    private readonly LabelScheme _labels;

    public WorkbookStyles(LabelScheme labels)
    {
        _labels = labels;
        _fills.Add("FFF3F2F1");
        Register(0, FontNormal, 0, wrap: false, border: false);   // index 0: the default every unstyled cell takes
    }

    public uint Title => Register(0, FontTitle, 0, false, false);
    public uint Subtitle => Register(0, FontGrey, 0, false, false);
    public uint Header => Register(0, FontBold, FillHeader, true, true);
    public uint Text => Register(0, FontNormal, 0, false, true);
    public uint Wrapped => Register(0, FontNormal, 0, true, true);
    public uint Bold => Register(0, FontBold, 0, true, true);
    public uint Integer => Register(Format("0"), FontNormal, 0, false, true);

    /// <summary>A number shown as stored (numerators and denominators, which may be fractional for averages).</summary>
    public uint Plain => Register(0, FontNormal, 0, false, true);

    /// <summary>A value of the measure's unit at its decimal places.</summary>
    public uint Value(Unit unit, int decimalPlaces) => Register(Format(unit switch
    {
        Unit.Percentage => Places("0", decimalPlaces) + "\"%\"",
        Unit.Count => Places("#,##0", decimalPlaces),
        _ => Places("#,##0", decimalPlaces),
    }), FontNormal, 0, false, true);

    /// <summary>A signed difference (change, distance from target), in points for percentages: "+2.5", "-1.1".</summary>
    public uint Difference(int decimalPlaces)
    {
        var body = Places("0", decimalPlaces);
        return Register(Format($"+{body};-{body};{body}"), FontNormal, 0, false, true);
    }

    public uint Status(RagStatus status)
    {
        var colour = Colours.Argb(_labels.For(status).Colour);
        var fill = _fills.IndexOf(colour);
        if (fill < 0) { _fills.Add(colour); fill = _fills.Count - 1; }
        var font = Colours.TextOn(_labels.For(status).Colour) == Colours.White ? FontWhite : FontBold;
        return Register(0, font, fill + 2, false, true);
    }

    public Stylesheet ToStylesheet()
    {
        var numberingFormats = new NumberingFormats(_formats.Select((code, i) =>
            new NumberingFormat { NumberFormatId = (uint)(164 + i), FormatCode = code })) { Count = (uint)_formats.Count };
        var fonts = new Fonts(
            Font(11, bold: false, "FF0B0C0C"), Font(11, bold: true, "FF0B0C0C"), Font(14, bold: true, "FF0B0C0C"),
            Font(11, bold: true, "FFFFFFFF"), Font(10, bold: false, "FF505A5F")) { Count = 5 };
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }));
        foreach (var argb in _fills)
            fills.Append(new Fill(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }));
        fills.Count = (uint)fills.ChildElements.Count;
        var thin = new Color { Rgb = "FFB1B4B6" };
        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(
                new LeftBorder(thin.CloneNode(true)) { Style = BorderStyleValues.Thin },
                new RightBorder(thin.CloneNode(true)) { Style = BorderStyleValues.Thin },
                new TopBorder(thin.CloneNode(true)) { Style = BorderStyleValues.Thin },
                new BottomBorder(thin.CloneNode(true)) { Style = BorderStyleValues.Thin },
                new DiagonalBorder())) { Count = 2 };
        var cellFormats = new CellFormats(_xfs.OrderBy(x => x.Value).Select(x => new CellFormat
        {
            NumberFormatId = x.Key.Format, FontId = (uint)x.Key.Font, FillId = (uint)x.Key.Fill, BorderId = x.Key.Border ? 1u : 0u,
            FormatId = 0, ApplyNumberFormat = x.Key.Format != 0, ApplyFont = true, ApplyFill = x.Key.Fill != 0, ApplyBorder = x.Key.Border,
            ApplyAlignment = true,
            Alignment = new Alignment { WrapText = x.Key.Wrap, Vertical = VerticalAlignmentValues.Top },
        })) { Count = (uint)_xfs.Count };
        return new Stylesheet(
            numberingFormats, fonts, fills, borders,
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            cellFormats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    private static Font Font(double size, bool bold, string argb)
    {
        var font = new Font();
        if (bold) font.Append(new Bold());
        font.Append(new FontSize { Val = size }, new Color { Rgb = argb }, new FontName { Val = "Arial" });
        return font;
    }

    private static string Places(string whole, int decimalPlaces) =>
        decimalPlaces <= 0 ? whole : whole + "." + new string('0', Math.Min(decimalPlaces, 10));

    private uint Format(string code)
    {
        var index = _formats.IndexOf(code);
        if (index < 0) { _formats.Add(code); index = _formats.Count - 1; }
        return (uint)(164 + index);
    }

    private uint Register(uint format, int font, int fill, bool wrap, bool border)
    {
        var key = (format, font, fill, wrap, border);
        if (!_xfs.TryGetValue(key, out var index)) _xfs[key] = index = (uint)_xfs.Count;
        return index;
    }
}
