using System.Text.Json;
using KpiService.Reports.Spreadsheet;
using KpiService.Reports.Tests.Fixtures;
using KpiService.Reports.Tests.Readers;
using KpiService.Reports.Tidy;

namespace KpiService.Reports.Tests.Spreadsheet;

/// <summary>What Gloucestershire's workbook does not exercise, read back by openpyxl.</summary>
public sealed class EdgeCaseWorkbookTests
{
    private static readonly Lazy<JsonElement> Book = new(() =>
    {
        var path = Artifacts.PathFor("edge-cases.xlsx");
        using (var file = File.Create(path)) DashboardWorkbook.Write(EdgeCaseDashboard.Build(), file);
        return PythonReader.Run("read_xlsx.py", path);
    });

    private static JsonElement Cell(string sheet, string reference) =>
        Book.Value.GetProperty("sheets").EnumerateArray().Single(s => s.GetProperty("name").GetString() == sheet).GetProperty("cells").GetProperty(reference);

    [Fact]
    public void FormulaLookingText_StaysText()
    {
        // A shared-string cell is never evaluated, so commentary beginning with = cannot become a formula.
        var commentary = Cell("Front door", "Z5");

        commentary.GetProperty("type").GetString().ShouldBe("str");
        commentary.GetProperty("value").GetString().ShouldBe(EdgeCaseDashboard.FormulaCommentary);
        Cell("Front door", "A5").GetProperty("value").GetString().ShouldBe("=1+1 " + EdgeCaseDashboard.HostileTitle);
    }

    [Fact]
    public void MissingFigures_SayWhyInTheDataStateColumn()
    {
        Cell("Assessment & health", "B5").GetProperty("value").GetString().ShouldBe("No figure");
        Cell("Assessment & health", "AB5").GetProperty("value").GetString().ShouldBe("Awaiting partner data: awaiting Health");
        Cell("Assessment & health", "W5").GetProperty("value").GetDouble().ShouldBe(90, 1e-9);   // Jul-21 still shown
        Cell("Front door", "AB5").GetProperty("value").GetString().ShouldBe("Data due (due 29 October 2021)");
    }

    [Fact]
    public void CountsAndUnratedLabels_UseTheirOwnFormatAndColour()
    {
        var referrals = Cell("Front door", "C4");

        referrals.GetProperty("value").GetDouble().ShouldBe(967);
        referrals.GetProperty("format").GetString().ShouldBe("#,##0");
        Cell("Front door", "B4").GetProperty("value").GetString().ShouldBe("Grey");
        Cell("Front door", "B4").GetProperty("fill").GetString().ShouldBe("FFB1B4B6");
        Cell("Front door", "G4").GetProperty("value").GetString().ShouldBe("\u2191 up, no better or worse direction");
    }

    [Fact]
    public void ActionsAndComparators_AreWritten()
    {
        Cell("Assessment & health", "AA4").GetProperty("value").GetString().ShouldBe("Review Cotswolds caseloads · owner: Head of Service · due 31 October 2021");
        Cell("Assessment & health", "K4").GetProperty("value").GetDouble().ShouldBe(81.4);
        Cell("Assessment & health", "L4").GetProperty("value").GetDouble().ShouldBe(84.1);
        Cell("Assessment & health", "B4").GetProperty("value").GetString().ShouldBe("Yellow");
    }

    [Fact]
    public void TidyWorkbook_WritesAnyRowsAsOneDataSheet()
    {
        var rows = DashboardTidyRows.From(EdgeCaseDashboard.Build()).ToList();
        var path = Artifacts.PathFor("tidy.xlsx");
        using (var file = File.Create(path)) TidyWorkbook.Write("League: referrals", rows, Domain.Catalogue.LabelScheme.Default, file, "2021-09");

        var book = PythonReader.Run("read_xlsx.py", path);

        var sheet = book.GetProperty("sheets").EnumerateArray().Single();
        sheet.GetProperty("name").GetString().ShouldBe("Data");
        sheet.GetProperty("maxRow").GetInt32().ShouldBe(rows.Count + 3);
        sheet.GetProperty("cells").GetProperty("A1").GetProperty("value").GetString().ShouldBe("League: referrals");
        sheet.GetProperty("cells").GetProperty("A2").GetProperty("value").GetString().ShouldBe("2021-09");
    }
}
