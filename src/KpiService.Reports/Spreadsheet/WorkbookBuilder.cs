using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using KpiService.Domain.Catalogue;

namespace KpiService.Reports.Spreadsheet;

/// <summary>Adds sheets in order and, last, the workbook part and the styles the sheets asked for.</summary>
internal sealed class WorkbookBuilder(SpreadsheetDocument document, LabelScheme labels)
{
    private readonly WorkbookPart _workbookPart = document.AddWorkbookPart();
    private readonly SheetNames _names = new();
    private readonly List<(string Name, string RelationshipId)> _sheets = [];

    public WorkbookStyles Styles { get; } = new(labels);

    public SharedStrings Strings { get; } = new();

    public void AddSheet(string title, Action<WorksheetPart> write)
    {
        var part = _workbookPart.AddNewPart<WorksheetPart>();
        write(part);
        _sheets.Add((_names.Claim(title), _workbookPart.GetIdOfPart(part)));
    }

    public void Finish(string title)
    {
        Strings.WriteTo(_workbookPart);
        var styles = _workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles.ToStylesheet();
        _workbookPart.Workbook = new Workbook(new Sheets(_sheets.Select((sheet, i) =>
            new Sheet { Name = sheet.Name, SheetId = (uint)(i + 1), Id = sheet.RelationshipId })));
        document.PackageProperties.Title = title;
        document.PackageProperties.Creator = "KpiService";
    }
}
