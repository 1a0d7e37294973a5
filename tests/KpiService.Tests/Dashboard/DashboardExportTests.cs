using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using KpiService.Reports.Tests.Readers;

namespace KpiService.Tests.Dashboard;

/// <summary>
/// The same dashboard downloaded as tidy CSV and as a workbook, read back by independent readers (Python's csv module,
/// openpyxl) with the same numbers as the JSON; the printable board pack as HTML; and the headers a download needs.
/// </summary>
[Collection(GloucestershireCollection.Name)]
public sealed class DashboardExportTests(GloucestershireFixture glos)
{
    private const string Url = "/api/v1/authorities/916/dashboard/2021-09";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] Columns =
    [
        "level", "authority_code", "la_number", "authority", "measure_id", "measure_code", "measure", "area", "unit", "decimal_places", "period",
        "breakdown", "value", "numerator", "denominator", "target", "status", "label", "data_state", "note",
    ];

    private async Task<(HttpResponseMessage Response, string File)> DownloadAsync(string url, string? accept, string name)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        var response = await glos.Admin.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var file = Path.Combine(Path.GetTempPath(), $"kpi-{Guid.NewGuid():N}-{name}");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        return (response, file);
    }

    private static IEnumerable<JsonElement> Rows(JsonElement dashboard) =>
        dashboard.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rows").EnumerateArray());

    [Fact]
    public async Task Csv_ParsesWithPythonsCsvModule_WithTheJsonsNumbers()
    {
        var dashboard = await glos.DashboardAsync();
        var (response, file) = await DownloadAsync(Url, "text/csv", "dashboard.csv");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldBe("gloucestershire-dashboard-2021-09.csv");
        (await File.ReadAllBytesAsync(file))[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var rows = PythonReader.Run("read_csv.py", file).GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToList();

        rows[0].ShouldBe(Columns);
        var data = rows.Skip(1).Where(r => r[0] == "authority").ToDictionary(r => (r[4], r[10]));
        var checkedValues = 0;
        foreach (var row in Rows(dashboard))
        {
            var id = row.GetProperty("measure").GetString()!;
            foreach (var point in row.GetProperty("series").EnumerateArray().Where(p => p.TryGetProperty("value", out _)))
            {
                var csv = data[(id, point.GetProperty("period").GetString()!)];
                double.Parse(csv[12], CultureInfo.InvariantCulture).ShouldBe(point.GetProperty("value").GetDouble());
                csv[6].ShouldBe(row.GetProperty("measureTitle").GetString());
                checkedValues++;
            }
            var rating = row.GetProperty("rating");
            var period = data[(id, "2021-09")];
            period[16].ShouldBe(rating.GetProperty("status").GetString());
            if (rating.TryGetProperty("target", out var target)) double.Parse(period[15], CultureInfo.InvariantCulture).ShouldBe(target.GetDouble());
        }
        checkedValues.ShouldBe(glos.Rows.Sum(r => r.Values.Count(v => v is not null)));
        data.Count.ShouldBe(checkedValues);
    }

    [Fact]
    public async Task Xlsx_OpensInOpenpyxl_WithASheetPerAreaAndTheJsonsNumbers()
    {
        var dashboard = await glos.DashboardAsync();
        var (response, file) = await DownloadAsync(Url + "?format=xlsx", null, "dashboard.xlsx");

        response.Content.Headers.ContentType!.MediaType.ShouldBe(Xlsx);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("gloucestershire-dashboard-2021-09.xlsx");
        var book = PythonReader.Run("read_xlsx.py", file);
        var sheets = book.GetProperty("sheets").EnumerateArray().ToList();

        sheets.Select(s => s.GetProperty("name").GetString()).ShouldBe([
            "Summary", "Response to Risk", "Seeing Children", "Child's Voice", "Assessment, Planning and Review", "Repeat Work",
            "Health and Wellbeing", "Stability and Permanence", "Education – Children in Care", "Management Oversight", "Data",
        ]);
        var cells = sheets[^1].GetProperty("cells");
        var values = new Dictionary<(string, string), JsonElement>();
        for (var r = 4; cells.TryGetProperty($"E{r}", out var measure); r++)
            if (cells.GetProperty($"A{r}").GetProperty("value").GetString() == "authority" && cells.TryGetProperty($"M{r}", out var value))
                values[(measure.GetProperty("value").GetString()!, cells.GetProperty($"K{r}").GetProperty("value").GetString()!)] = value;
        foreach (var row in Rows(dashboard))
        {
            var cell = values[(row.GetProperty("measure").GetString()!, "2021-09")];
            cell.GetProperty("type").GetString().ShouldBeOneOf("float", "int"); // a number, never text (98.0 is stored as 98)
            cell.GetProperty("value").GetDouble().ShouldBe(row.GetProperty("rating").GetProperty("value").GetDouble());
            cell.GetProperty("format").GetString().ShouldBe("0.0\"%\"");
        }
        // The summary sheet counts the statuses under the council's labels, with the JSON's numbers.
        var summary = sheets[0].GetProperty("cells");
        summary.GetProperty("A6").GetProperty("value").GetString().ShouldBe("Yellow");
        summary.GetProperty("B6").GetProperty("value").GetInt32().ShouldBe(dashboard.GetProperty("summary").GetProperty("amber").GetInt32());
    }

    [Fact]
    public async Task Html_IsTheSelfContainedBoardPack_ServedInlineWithAPolicyAllowingNoRequests()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"); // what a browser sends
        var response = await glos.Admin.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("inline");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'none'");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("<title>Gloucestershire: children&#39;s services performance, September 2021</title>");
        html.ShouldNotContain("<script");
    }

    [Fact]
    public async Task Downloads_CarryAnETag_AndAnswer304WhenTheClientHasIt()
    {
        var first = await glos.Admin.GetAsync(Url + "?format=csv");
        var etag = first.Headers.ETag!;
        var again = new HttpRequestMessage(HttpMethod.Get, Url + "?format=csv");
        again.Headers.IfNoneMatch.Add(etag);

        (await glos.Admin.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        var json = await glos.Admin.GetAsync(Url);
        json.Headers.ETag!.Tag.ShouldNotBe(etag.Tag);
        json.Headers.CacheControl!.NoCache.ShouldBeTrue();
        json.Headers.CacheControl.Private.ShouldBeTrue();
    }

    [Theory]
    [InlineData("/api/v1/authorities/916/scorecard/2021-09", "gloucestershire-scorecard-2021-09")]
    [InlineData("/api/v1/authorities/916/measures/916.g01-of-initial-contact-decisions-made-within-24-hours/figures", "gloucestershire-916.g01-of-initial-contact-decisions-made-within-24-hours-figures")]
    [InlineData("/api/v1/measures/re-referrals/comparison/2020-21?authority=916", "re-referrals-comparison-2020-21-gloucestershire")]
    [InlineData("/api/v1/measures/re-referrals/league/2020-21", "re-referrals-league-2020-21")]
    public async Task OtherReads_DownloadAsCsvAndXlsx_WithTheJsonsValues(string url, string fileName)
    {
        var json = await (await glos.Admin.GetAsync(url)).Json();
        var (csvResponse, csvFile) = await DownloadAsync(url, "text/csv", "read.csv");
        var (xlsxResponse, xlsxFile) = await DownloadAsync(url + (url.Contains('?') ? "&" : "?") + "format=xlsx", null, "read.xlsx");

        csvResponse.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe(fileName + ".csv");
        xlsxResponse.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe(fileName + ".xlsx");
        var csv = PythonReader.Run("read_csv.py", csvFile).GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToList();
        csv[0].ShouldBe(Columns);
        var csvValues = csv.Skip(1).Where(r => r[0] == "authority").Select(r => double.Parse(r[12], CultureInfo.InvariantCulture)).ToList();
        var book = PythonReader.Run("read_xlsx.py", xlsxFile).GetProperty("sheets")[0].GetProperty("cells");
        var xlsxValues = new List<double>();
        for (var r = 4; book.TryGetProperty($"A{r}", out var level); r++)
            if (level.GetProperty("value").GetString() == "authority") xlsxValues.Add(book.GetProperty($"M{r}").GetProperty("value").GetDouble());

        var expected = ExpectedValues(json).ToList();
        expected.ShouldNotBeEmpty();
        csvValues.ShouldBe(expected, ignoreOrder: true);
        xlsxValues.ShouldBe(expected, ignoreOrder: true);
    }

    /// <summary>The authority-level values each JSON answer holds.</summary>
    private static IEnumerable<double> ExpectedValues(JsonElement json)
    {
        if (json.TryGetProperty("areas", out var areas))
            return areas.EnumerateArray().SelectMany(a => a.GetProperty("ratings").EnumerateArray()).Select(r => r.GetProperty("value").GetDouble());
        if (json.TryGetProperty("figures", out var figures)) return figures.EnumerateArray().Select(f => f.GetProperty("value").GetDouble());
        if (json.TryGetProperty("neighbours", out var neighbours))
            return neighbours.GetProperty("members").EnumerateArray().Where(m => m.TryGetProperty("value", out _)).Select(m => m.GetProperty("value").GetDouble())
                .Concat(json.GetProperty("authority").TryGetProperty("value", out var own) ? [own.GetDouble()] : []);
        return json.GetProperty("authorities").EnumerateArray().Select(a => a.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task UnacceptableFormats_Are406_AndUnknownFormatNamesA400()
    {
        var pdf = new HttpRequestMessage(HttpMethod.Get, "/api/v1/authorities/916/scorecard/2021-09");
        pdf.Headers.Accept.ParseAdd("application/pdf");
        var refused = await glos.Admin.SendAsync(pdf);
        refused.StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await refused.Json()).GetProperty("offered").EnumerateArray().Select(o => o.GetString()).ShouldBe(["application/json", "text/csv", Xlsx]);

        (await glos.Admin.GetAsync("/api/v1/authorities/916/scorecard/2021-09?format=html")).StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
        var unknown = await glos.Admin.GetAsync(Url + "?format=docx");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Json()).Errors().ShouldContain(e => e.StartsWith("format:"));
        // q=0 refuses a type; JSON is then the answer the client asked for.
        var notCsv = new HttpRequestMessage(HttpMethod.Get, Url);
        notCsv.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv", 0));
        notCsv.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        (await glos.Admin.SendAsync(notCsv)).Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
    }
}
