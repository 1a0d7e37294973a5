using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace KpiService.Reports.Spreadsheet;

/// <summary>
/// The workbook's shared-string table, as Excel itself writes text: a tidy data sheet repeats the authority, measure
/// title and area on every row, and a reference to one entry is a fraction of the inline text. Memory grows with the
/// distinct strings (measures, authorities, labels), not with the rows.
/// </summary>
internal sealed class SharedStrings
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _items = [];
    private int _references;

    public int IndexOf(string text)
    {
        _references++;
        if (_index.TryGetValue(text, out var index)) return index;
        _index[text] = index = _items.Count;
        _items.Add(text);
        return index;
    }

    public void WriteTo(WorkbookPart workbook)
    {
        var part = workbook.AddNewPart<SharedStringTablePart>();
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new SharedStringTable(),
            [new OpenXmlAttribute("count", "", _references.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new OpenXmlAttribute("uniqueCount", "", _items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var item = new SharedStringItem();
        var text = new Text();
        OpenXmlAttribute[] preserve = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];
        foreach (var value in _items)
        {
            writer.WriteStartElement(item);
            if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])) writer.WriteStartElement(text, preserve);
            else writer.WriteStartElement(text);
            writer.WriteString(value);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.Close();
    }
}
