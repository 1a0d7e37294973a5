using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using KpiService.Reports.Formatting;
using KpiService.Reports.Spreadsheet;
using KpiService.Reports.Tests.Fixtures;
using KpiService.Reports.Tests.Readers;
using KpiService.Reports.Tidy;

namespace KpiService.Reports.Tests.Spreadsheet;

/// <summary>
/// The Gloucestershire workbook read back by openpyxl, an independent reader: the sheets the seed's thematic view
/// has (seeds/000 lines 135–242), the same numbers as the document, percentages formatted with the measure's
/// decimal places, RAG as the council's label text and fill, frozen headers, A4 landscape.
/// </summary>
public sealed class DashboardWorkbookTests
{
    private static readonly Lazy<(Dashboard Dashboard, JsonElement Book)> Gloucestershire = new(() =>
    {
        var dashboard = GloucestershireDashboard.Build();
        var path = Artifacts.PathFor("gloucestershire-2021-09.xlsx");
        using (var file = File.Create(path)) DashboardWorkbook.Write(dashboard, file);
        return (dashboard, PythonReader.Run("read_xlsx.py", path));
    });

    private static JsonElement Sheet(string name) =>
        Gloucestershire.Value.Book.GetProperty("sheets").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    private static JsonElement Cell(JsonElement sheet, string reference) => sheet.GetProperty("cells").GetProperty(reference);

    [Fact]
    public void Sheets_AreSummaryEachThematicAreaAndData()
    {
        var names = Gloucestershire.Value.Book.GetProperty("sheets").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();

        names.ShouldBe([
            "Summary", "Response to Risk", "Seeing Children", "Child's Voice", "Assessment, Planning and Review", "Repeat Work",
            "Health and Wellbeing", "Stability and Permanence", "Education – Children in Care", "Management Oversight", "Data",
        ]);
    }

    [Fact]
    public void GroupSheets_HoldEveryMeasureWithItsNumbersFormatAndRag()
    {
        var (dashboard, _) = Gloucestershire.Value;
        var checkedRows = 0;
        foreach (var (group, index) in dashboard.Groups.Select((g, i) => (g, i)))
        {
            var sheet = Gloucestershire.Value.Book.GetProperty("sheets")[index + 1];
            sheet.GetProperty("frozen").GetString().ShouldBe("B4");
            sheet.GetProperty("landscape").GetBoolean().ShouldBeTrue();
            Cell(sheet, "A3").GetProperty("value").GetString().ShouldBe("Measure");
            Cell(sheet, "M3").GetProperty("value").GetString().ShouldBe("Sep-20");
            Cell(sheet, "Y3").GetProperty("value").GetString().ShouldBe("Sep-21");
            foreach (var (row, r) in group.Rows.Select((row, i) => (row, i + 4)))
            {
                var rating = row.Assessment!.Rating;
                Cell(sheet, $"A{r}").GetProperty("value").GetString().ShouldBe(row.Measure.Title);
                var value = Cell(sheet, $"C{r}");
                value.GetProperty("value").GetDouble().ShouldBe(rating.Value);
                value.GetProperty("format").GetString().ShouldBe("0.0\"%\"");
                var rag = Cell(sheet, $"B{r}");
                var label = dashboard.Labels.For(rating.Status);
                rag.GetProperty("value").GetString().ShouldBe(label.Name);
                rag.GetProperty("fill").GetString().ShouldBe(Colours.Argb(label.Colour));
                if (rating.Target is { } target) Cell(sheet, $"D{r}").GetProperty("value").GetDouble().ShouldBe(target);
                if (rating.ChangeSincePrevious is { } change) Cell(sheet, $"F{r}").GetProperty("value").GetDouble().ShouldBe(change, 1e-9);
                // The thirteen months, Sep-20 in column M.
                foreach (var (point, m) in row.Series.Select((p, i) => (p, i)))
                {
                    var reference = $"{SheetWriter.ColumnName(12 + m)}{r}";
                    if (point.Value is { } v) Cell(sheet, reference).GetProperty("value").GetDouble().ShouldBe(v);
                    else sheet.GetProperty("cells").TryGetProperty(reference, out _).ShouldBeFalse();
                }
                checkedRows++;
            }
        }
        checkedRows.ShouldBe(GloucestershireRows.ThematicRows);
    }

    [Fact]
    public void InitialContactDecisions_ShowsTheSeedsRowAsNumbers()
    {
        // seeds/000 line 139: 80.1% against 90%, change −1.0, distance −9.9, declining for six months since March.
        var sheet = Sheet("Response to Risk");

        Cell(sheet, "C4").GetProperty("value").GetDouble().ShouldBe(80.1);
        Cell(sheet, "C4").GetProperty("type").GetString().ShouldBe("float");
        Cell(sheet, "D4").GetProperty("value").GetDouble().ShouldBe(90);
        Cell(sheet, "E4").GetProperty("value").GetDouble().ShouldBe(-9.9, 1e-9);
        Cell(sheet, "E4").GetProperty("format").GetString().ShouldBe("+0.0;-0.0;0.0");
        Cell(sheet, "F4").GetProperty("value").GetDouble().ShouldBe(-1.0, 1e-9);
        Cell(sheet, "G4").GetProperty("value").GetString().ShouldBe("\u2193 down, declining");
        Cell(sheet, "I4").GetProperty("value").GetString().ShouldBe("Declining for 6 months, down 13.5 points since Mar-21");
        Cell(sheet, "B4").GetProperty("value").GetString().ShouldBe("Red");
        Cell(sheet, "B4").GetProperty("fill").GetString().ShouldBe("FFD4351C");
        Cell(sheet, "B4").GetProperty("font").GetString().ShouldBe("FFFFFFFF");
    }

    [Fact]
    public void DataSheet_HoldsTheTidyRowsWithAFrozenFilteredHeader()
    {
        var (dashboard, _) = Gloucestershire.Value;
        var rows = DashboardTidyRows.From(dashboard).ToList();
        var sheet = Sheet("Data");

        sheet.GetProperty("frozen").GetString().ShouldBe("A4");
        sheet.GetProperty("maxRow").GetInt32().ShouldBe(rows.Count + 3);
        sheet.GetProperty("autoFilter").GetString().ShouldBe($"A3:T{rows.Count + 3}");
        for (var i = 0; i < TidyCsv.Columns.Count; i++)
            Cell(sheet, $"{SheetWriter.ColumnName(i)}3").GetProperty("value").GetString().ShouldBe(TidyCsv.Columns[i]);
        foreach (var (row, r) in rows.Select((row, i) => (row, i + 4)))
        {
            Cell(sheet, $"E{r}").GetProperty("value").GetString().ShouldBe(row.MeasureId);
            Cell(sheet, $"K{r}").GetProperty("value").GetString().ShouldBe(row.Period.ToString());
            Cell(sheet, $"M{r}").GetProperty("value").GetDouble().ShouldBe(row.Value!.Value);
        }
    }

    [Fact]
    public void Summary_CountsStatusesWithTheCouncilsLabels()
    {
        var (dashboard, _) = Gloucestershire.Value;
        var sheet = Sheet("Summary");

        Cell(sheet, "A5").GetProperty("value").GetString().ShouldBe("Green");
        Cell(sheet, "B5").GetProperty("value").GetInt32().ShouldBe(dashboard.Summary.Green);
        Cell(sheet, "A6").GetProperty("value").GetString().ShouldBe("Yellow");
        Cell(sheet, "A6").GetProperty("fill").GetString().ShouldBe("FFFFDD00");
        Cell(sheet, "B7").GetProperty("value").GetInt32().ShouldBe(dashboard.Summary.Red);
        (dashboard.Summary.Green + dashboard.Summary.Amber + dashboard.Summary.Red + dashboard.Summary.Unrated).ShouldBe(GloucestershireRows.ThematicRows);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Workbook_IsValidAgainstTheOpenXmlSchema(bool edgeCases)
    {
        // The SDK's own validator checks every part against the ECMA-376 schema, as Excel's "repair" would.
        using var stream = new MemoryStream();
        DashboardWorkbook.Write(edgeCases ? EdgeCaseDashboard.Build() : GloucestershireDashboard.Build(DashboardGrouping.PerformanceGroup), stream);
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

        errors.ShouldBeEmpty();
    }
}
