using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace KpiService.Reports.Spreadsheet;

/// <summary>
/// Writes one worksheet forwards with <see cref="OpenXmlWriter"/>: no DOM of the sheet is ever built, so memory is
/// bounded by the writer's buffer and the distinct strings however many rows go out. Cells carry their reference and
/// style; text goes to the shared-string table; numbers are written in the invariant round-trip form.
/// </summary>
internal sealed class SheetWriter : IDisposable
{
    private static readonly string[] ColumnNames = [.. Enumerable.Range(0, 1024).Select(ColumnName)];
    private static readonly string[] StyleTexts = [.. Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    private readonly OpenXmlWriter _writer;
    private readonly SharedStrings _strings;
    private readonly bool _landscape;
    private readonly List<OpenXmlAttribute> _attributes = new(3);
    // Element instances only name what is written; reusing them keeps the per-cell cost to the writer's own work.
    private readonly Cell _cell = new();
    private readonly Row _row = new();
    private readonly CellValue _cellValue = new();
    private int _rowIndex;
    private string _rowText = "0";
    private int _column;
    private bool _inData;

    public SheetWriter(WorksheetPart part, SharedStrings strings, int frozenRows, int frozenColumns, IReadOnlyList<double> columnWidths, bool landscape = true)
    {
        _strings = strings;
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartElement(new Worksheet());
        if (frozenRows > 0 || frozenColumns > 0)
        {
            var topLeft = Reference(frozenColumns, frozenRows + 1);
            // The active pane is the one that scrolls: bottom right when both are frozen, else the one beside the split.
            var active = frozenRows > 0 && frozenColumns > 0 ? PaneValues.BottomRight : frozenRows > 0 ? PaneValues.BottomLeft : PaneValues.TopRight;
            _writer.WriteElement(new SheetViews(new SheetView(
                new Pane
                {
                    HorizontalSplit = frozenColumns > 0 ? frozenColumns : null, VerticalSplit = frozenRows > 0 ? frozenRows : null,
                    TopLeftCell = topLeft, ActivePane = active, State = PaneStateValues.Frozen,
                },
                new Selection { Pane = active, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue>([topLeft]) })
            { WorkbookViewId = 0 }));
        }
        _writer.WriteStartElement(new Columns());
        for (var i = 0; i < columnWidths.Count; i++)
            _writer.WriteElement(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = columnWidths[i], CustomWidth = true });
        _writer.WriteEndElement();
        _writer.WriteStartElement(new SheetData());
        _inData = true;
        _landscape = landscape;
    }

    public int RowIndex => _rowIndex;

    public SheetWriter StartRow(double? height = null)
    {
        _rowIndex++;
        _column = 0;
        _rowText = _rowIndex.ToString(CultureInfo.InvariantCulture);
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", _rowText));
        if (height is { } h)
        {
            _attributes.Add(new OpenXmlAttribute("ht", "", h.ToString(CultureInfo.InvariantCulture)));
            _attributes.Add(new OpenXmlAttribute("customHeight", "", "1"));
        }
        _writer.WriteStartElement(_row, _attributes);
        return this;
    }

    public SheetWriter EndRow()
    {
        _writer.WriteEndElement();
        return this;
    }

    public SheetWriter Text(string? text, uint style)
    {
        if (string.IsNullOrEmpty(text)) return Blank(style);
        StartCell(style, "s");
        _writer.WriteStartElement(_cellValue);
        _writer.WriteString(_strings.IndexOf(CleanForXml(text)).ToString(CultureInfo.InvariantCulture));
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        return this;
    }

    public SheetWriter Number(double? value, uint style)
    {
        if (value is not { } v || !double.IsFinite(v)) return Blank(style);
        StartCell(style, null);
        _writer.WriteStartElement(_cellValue);
        _writer.WriteString(v.ToString("R", CultureInfo.InvariantCulture));
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        return this;
    }

    /// <summary>A styled empty cell, so borders and fills run across gaps in a table.</summary>
    public SheetWriter Blank(uint style)
    {
        if (style == 0) { _column++; return this; }
        StartCell(style, null);
        _writer.WriteEndElement();
        return this;
    }

    /// <summary>Closes the sheet data and adds what must follow it: an autofilter, then A4 page setup.</summary>
    public void Finish(string? autoFilterRange = null)
    {
        if (!_inData) return;
        _writer.WriteEndElement();
        _inData = false;
        if (autoFilterRange is not null) _writer.WriteElement(new AutoFilter { Reference = autoFilterRange });
        _writer.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.5, Header = 0.3, Footer = 0.3 });
        // paperSize 9 is A4; councils print board packs landscape (the seeds' dashboards are landscape tables).
        _writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = _landscape ? OrientationValues.Landscape : OrientationValues.Portrait, FitToWidth = 1, FitToHeight = 0 });
    }

    public void Dispose()
    {
        Finish();
        _writer.WriteEndElement();
        _writer.Close();
    }

    public static string Reference(int zeroBasedColumn, int row) => ColumnName(zeroBasedColumn) + row.ToString(CultureInfo.InvariantCulture);

    public static string ColumnName(int zeroBasedColumn)
    {
        var name = "";
        for (var n = zeroBasedColumn + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private void StartCell(uint style, string? type)
    {
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", (_column < ColumnNames.Length ? ColumnNames[_column] : ColumnName(_column)) + _rowText));
        if (style != 0) _attributes.Add(new OpenXmlAttribute("s", "", style < (uint)StyleTexts.Length ? StyleTexts[style] : style.ToString(CultureInfo.InvariantCulture)));
        if (type is not null) _attributes.Add(new OpenXmlAttribute("t", "", type));
        _writer.WriteStartElement(_cell, _attributes);
        _column++;
    }

    /// <summary>XML 1.0 cannot carry most control characters; a figure's commentary pasted from elsewhere may hold them.</summary>
    private static string CleanForXml(string text)
    {
        foreach (var c in text)
            if (c < 0x20 && c is not ('\t' or '\n' or '\r'))
                return string.Concat(text.Where(ch => ch >= 0x20 || ch is '\t' or '\n' or '\r'));
        return text;
    }
}
