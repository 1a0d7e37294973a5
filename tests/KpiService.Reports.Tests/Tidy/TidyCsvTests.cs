using System.Text;
using System.Text.Json;
using KpiService.Domain.Catalogue;
using KpiService.Reports.Tests.Fixtures;
using KpiService.Reports.Tests.Readers;
using KpiService.Reports.Tidy;

namespace KpiService.Reports.Tests.Tidy;

public sealed class TidyCsvTests
{
    [Theory]
    // OWASP "CSV Injection": = + - @ tab and carriage return start a formula in some spreadsheet; neutralise and quote.
    [InlineData("=SUM(A1:A9)", "\"'=SUM(A1:A9)\"")]
    [InlineData("+44 1452 425000", "\"'+44 1452 425000\"")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\"")]
    [InlineData("@SUM(1)", "\"'@SUM(1)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=\"quoted\"", "\"'=\"\"quoted\"\"\"")]
    // RFC 4180: quote a field holding a comma, quote or line break, doubling quotes; leave the rest bare.
    [InlineData("Assessment, Planning and Review", "\"Assessment, Planning and Review\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("Child's Voice", "Child's Voice")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Text_IsNeutralisedAndQuotedAsNeeded(string text, string expected) =>
        TidyCsv.Text(new StringBuilder(), text).ToString().ShouldBe(expected);

    [Fact]
    public void NegativeNumbers_StayNumbers()
    {
        var row = Row(-3.5) with { Target = -0.25, Note = "-3.5 is a fall" };

        var line = TidyCsv.ToCsv([row]).Split("\r\n")[1];

        line.ShouldContain(",-3.5,,,-0.25,");
        line.ShouldEndWith(",\"'-3.5 is a fall\"");
    }

    [Fact]
    public void Values_AreUnroundedInvariantNumbers()
    {
        var line = TidyCsv.ToCsv([Row(83.33333333333333) with { Numerator = 250, Denominator = 300 }]).Split("\r\n")[1];

        line.ShouldContain(",83.33333333333333,250,300,");
    }

    [Fact]
    public void Output_HasAHeaderAndCrlfLineEnds()
    {
        var csv = TidyCsv.ToCsv([Row(1), Row(2)]);

        csv.ShouldStartWith("level,authority_code,la_number,authority,measure_id,");
        csv.Split("\r\n").Length.ShouldBe(4);
        csv.Replace("\r\n", "").ShouldNotContain('\n');
    }

    [Fact]
    public async Task WriteAsync_WritesUtf8WithAByteOrderMarkAndTheSameText()
    {
        var rows = DashboardTidyRows.From(EdgeCaseDashboard.Build()).ToList();
        using var stream = new MemoryStream();

        await TidyCsv.WriteAsync(stream, rows);

        var bytes = stream.ToArray();
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        Encoding.UTF8.GetString(bytes.AsSpan(3)).ShouldBe(TidyCsv.ToCsv(rows));
    }

    [Fact]
    public async Task Gloucestershire_ParsesWithPythonsCsvReaderToTheSameValues()
    {
        var dashboard = GloucestershireDashboard.Build();
        var rows = DashboardTidyRows.From(dashboard).ToList();
        var path = Artifacts.PathFor("gloucestershire-2021-09.csv");
        await using (var file = File.Create(path)) await TidyCsv.WriteAsync(file, rows);

        var parsed = PythonReader.Run("read_csv.py", path).GetProperty("rows").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToList();

        parsed[0].ShouldBe(TidyCsv.Columns.ToArray());
        parsed.Count.ShouldBe(rows.Count + 1);
        // 77 measures, 13 months each less the seed's blank months, plus three peer values (seeds/000 lines 67, 84).
        rows.Count(r => r.Level == TidyLevel.Authority).ShouldBe(dashboard.Groups.Sum(g => g.Rows.Sum(r => r.Series.Count(p => p.Value is not null))));
        rows.Count(r => r.Level == TidyLevel.StatisticalNeighbours).ShouldBe(3);
        foreach (var (row, cells) in rows.Zip(parsed.Skip(1)))
        {
            cells[4].ShouldBe(row.MeasureId);
            cells[10].ShouldBe(row.Period.ToString());
            double.Parse(cells[12], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(row.Value!.Value);
        }
        var contacts = parsed.Single(c => c[4].StartsWith("glos-01-") && c[10] == "2021-09");
        (contacts[12], contacts[15], contacts[16], contacts[17], contacts[18]).ShouldBe(("80.1", "90", "red", "Red", "received"));
    }

    [Fact]
    public void EdgeCases_HostileTextParsesBackNeutralisedAndMissingFiguresKeepTheirState()
    {
        var rows = DashboardTidyRows.From(EdgeCaseDashboard.Build()).ToList();
        var path = Artifacts.PathFor("edge-cases.csv");
        File.WriteAllText(path, TidyCsv.ToCsv(rows), new UTF8Encoding(true));

        var parsed = PythonReader.Run("read_csv.py", path).GetProperty("rows").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToList();

        var hostile = parsed.Single(c => c[4] == "hostile-text");
        (hostile[5], hostile[6], hostile[12], hostile[18]).ShouldBe(("'=1+1", EdgeCaseDashboard.HostileTitle, "", "due"));
        var health = parsed.Where(c => c[4] == "health-assessments-on-time").ToList();
        health.Count.ShouldBe(12);                      // eleven months with figures, then September awaiting Health
        (health[^1][10], health[^1][18], health[^1][19]).ShouldBe(("2021-09", "awaitingPartner", "awaiting Health"));
        parsed.Single(c => c[0] == "england")[12].ShouldBe("84.1");
        parsed.Single(c => c[0] == "statisticalNeighbours")[19].ShouldBe("statistical neighbours (2021 model); 10 authorities");
        parsed.Where(c => c[4] == "assessments-within-45-wd" && c[0] == "authority").ShouldAllBe(c => c[11] == "locality:Cheltenham");
    }

    private static TidyRow Row(double value) => new(
        TidyLevel.Authority, "E10000013", 916, "Gloucestershire", "m", null, "A measure", "Area", Unit.Percentage, 1,
        Period.Month(2021, 9), null, value, DataState: DataState.Received);
}
