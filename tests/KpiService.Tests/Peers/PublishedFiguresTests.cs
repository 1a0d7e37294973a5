using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace KpiService.Tests.Peers;

/// <summary>
/// POST /api/v1/benchmarks as analysts would use it (issue 15 part 4): LAIT's long download, EES data files and the
/// service's own columns through one import, all or nothing; published figures listed and withdrawn per source and
/// measure; and what the shipped LAIT download gives at first start.
/// </summary>
public sealed class PublishedFiguresTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    // Gloucestershire's 2025-model statistical neighbours, nearest first.
    private static readonly int[] Neighbours = [937, 938, 850, 802, 865, 895, 855, 931, 881, 885];

    private async Task<HttpResponseMessage> ImportAsync(string csv, string query = "", string type = "text/csv") =>
        await service.Admin.PostAsync($"/api/v1/benchmarks{query}", new StringContent(csv, Encoding.UTF8, type));

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await service.Admin.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    [Fact]
    public async Task FirstStart_LoadsLaitsWholeDownload_ThroughTheImport()
    {
        var sets = (await GetAsync("/api/v1/benchmarks?source=LAIT")).EnumerateArray().ToList();

        sets.Count.ShouldBe(156);
        sets.Sum(s => s.GetProperty("figures").GetInt32()).ShouldBe(234_360);
        sets.Sum(s => s.GetProperty("marks").GetInt32()).ShouldBe(37_333);
        var reReferrals = sets.Single(s => s.GetProperty("measure").GetString() == "re-referrals");
        var periods = reReferrals.GetProperty("periods").EnumerateArray().ToList();
        (periods[0].GetProperty("label").GetString(), periods[0].GetProperty("comparedWith").GetString()).ShouldBe(("2015/16", "2015-16"));
        (periods[^1].GetProperty("label").GetString(), periods[^1].GetProperty("comparedWith").GetString()).ShouldBe(("2024/25", "2024-25"));
        // Snapshots keep the day their publisher dates them.
        var inCare = sets.Single(s => s.GetProperty("measure").GetString() == "children-in-care-rate").GetProperty("periods").EnumerateArray().Last();
        (inCare.GetProperty("label").GetString(), inCare.GetProperty("comparedWith").GetString()).ShouldBe(("31 March 2025", "2024-25"));
        var vacancies = sets.Single(s => s.GetProperty("measure").GetString() == "social-worker-vacancies").GetProperty("periods").EnumerateArray()
            .Single(p => p.GetProperty("label").GetString() == "30 September 2022");
        vacancies.GetProperty("comparedWith").GetString().ShouldBe("2022-23");
    }

    [Fact]
    public async Task LaitsOwnDownloadShape_IsRead_WithLondonSplitAndYearZeroSkippedAndMarksKept()
    {
        const string csv = """
            Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region
            LAC_Start_Rate,"Children starting to be looked after, rate per 10,000",2023,Gloucestershire,25,916,South West
            LAC_Start_Rate,"Children starting to be looked after, rate per 10,000",2023,Darlington,c,841,North East
            LAC_Start_Rate,"Children starting to be looked after, rate per 10,000",2023,London (Inner),31,987,
            LAC_Start_Rate,"Children starting to be looked after, rate per 10,000",0,Gloucestershire,-,916,South West
            LAC_Start_Rate,"Children starting to be looked after, rate per 10,000",2023,England,27,970,
            """;
        var response = await ImportAsync(csv, "?source=lait-shape");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var summary = await response.Json();

        summary.GetProperty("format").GetString().ShouldBe("laitLong");
        (summary.GetProperty("imported").GetInt32(), summary.GetProperty("values").GetInt32(), summary.GetProperty("marks").GetInt32()).ShouldBe((3, 2, 1));
        summary.GetProperty("marksByKind").GetProperty("c").GetInt32().ShouldBe(1);
        summary.GetProperty("skipped").GetProperty("Inner and Outer London are published but not ranked").GetInt32().ShouldBe(1);
        summary.GetProperty("skipped").GetProperty("LAIT's year 0: no year and no value").GetInt32().ShouldBe(1);
        summary.GetProperty("measures").EnumerateArray().Select(m => m.GetString()).ShouldBe(["children-entering-care-rate"]);
        var set = (await GetAsync("/api/v1/benchmarks?source=lait-shape")).EnumerateArray().Single();
        set.GetProperty("periods").EnumerateArray().Single().GetProperty("label").GetString().ShouldBe("2022/23");
    }

    [Fact]
    public async Task AnEesDataFile_IsRead_WithItsColumnsMappedAndFiltered()
    {
        const string csv = """
            time_period,time_identifier,geographic_level,country_code,region_code,old_la_code,new_la_code,characteristic,cla_rate
            202324,Financial year,National,E92000001,,,,Total,70
            202324,Financial year,Local authority,E92000001,E12000009,916,E10000013,Total,41
            202324,Financial year,Local authority,E92000001,E12000009,916,E10000013,Male,44
            202324,Financial year,Local authority district,E92000001,E12000009,,,Total,39
            """;
        var response = await ImportAsync(csv, "?source=ees-cla&column=cla_rate%3Dchildren-in-care-rate&filter=characteristic%3DTotal");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var summary = await response.Json();

        summary.GetProperty("format").GetString().ShouldBe("ees");
        summary.GetProperty("imported").GetInt32().ShouldBe(2);
        summary.GetProperty("skipped").GetProperty("filtered out: characteristic is not 'Total'").GetInt32().ShouldBe(1);
        summary.GetProperty("skipped").GetProperty("level 'local authority district' is not ranked").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task AGzippedFile_IsReadAsItIs()
    {
        var csv = "measure,period,level,code,value\ncontacts-decided-1-wd,2023-24,authority,841,88.5\n";
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) await gzip.WriteAsync(Encoding.UTF8.GetBytes(csv));
        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Headers.ContentEncoding.Add("gzip");

        var response = await service.Admin.PostAsync("/api/v1/benchmarks?source=gzipped", content);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Json()).GetProperty("imported").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task ABadFile_NamesEveryProblemRow_AndStoresNothing()
    {
        var before = await EventsAsync();
        var rows = new StringBuilder("measure,period,level,code,value\n");
        rows.Append("contacts-decided-48-hours,2023-24,authority,916,90\n");        // a good row: stored only with the rest
        for (var i = 0; i < 300; i++) rows.Append("contacts-decided-48-hours,2023-24,authority,916,12.5%\n");
        rows.Append("nope,2023/24,county,916,abc\n");

        var response = await ImportAsync(rows.ToString(), "?source=bad-file");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Json()).Errors();
        errors.ShouldContain(e => e.StartsWith("row 3.value: '12.5%' carries a % sign"));
        errors.Count(e => e.StartsWith("row ")).ShouldBe(200);
        errors.ShouldContain(e => e.StartsWith("more: ") && e.Contains("(303 in all)")); // 300 values and the last row's measure, level and value
        (await EventsAsync()).ShouldBe(before);
        (await GetAsync("/api/v1/benchmarks?source=bad-file")).GetArrayLength().ShouldBe(0);

        var old = await ImportAsync("measure,period,level,code,value\nnope,2024-25,authority,916,19.5\nre-referrals,2024-99,county,916,abc\n");
        var oldErrors = (await old.Json()).Errors();
        foreach (var field in new[] { "row 2.measure", "row 3.period", "row 3.level", "row 3.value" }) oldErrors.ShouldContain(e => e.StartsWith(field + ":"));
        (await ImportAsync("measure,period\n")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await service.Admin.PostAsync("/api/v1/benchmarks", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ANeighbourMissingForThePeriod_IsLeftOutAndCounted_NeverFilledFromAnOlderYear()
    {
        // A measure LAIT does not publish: 2021-22 for Gloucestershire and all ten neighbours; 2022-23 for six, one suppressed.
        var csv = new StringBuilder("measure,period,level,code,value\n");
        csv.Append("strategy-discussions-5-wd,2021-22,authority,916,80\n");
        foreach (var la in Neighbours) csv.Append($"strategy-discussions-5-wd,2021-22,authority,{la},70\n");
        csv.Append("strategy-discussions-5-wd,2022/23,authority,916,81.2\n");
        foreach (var (la, value) in Neighbours.Take(5).Zip([84.13, 77.0, 91.5, 66.25, 70.0])) csv.Append($"strategy-discussions-5-wd,2022/23,authority,{la},{value}\n");
        csv.Append($"strategy-discussions-5-wd,2022/23,authority,{Neighbours[5]},c\n");
        (await ImportAsync(csv.ToString(), "?source=missing-check")).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var period in new[] { "2022-23", "2023-05" }) // the year itself, and a month a year on (whose latest published year it is)
        {
            var n = (await GetAsync($"/api/v1/measures/strategy-discussions-5-wd/comparison/{period}?authority=916")).GetProperty("neighbours");
            (n.GetProperty("count").GetInt32(), n.GetProperty("of").GetInt32(), n.GetProperty("suppressed").GetInt32(), n.GetProperty("missing").GetInt32()).ShouldBe((5, 10, 1, 4));
            n.GetProperty("averageUnrounded").GetDouble().ShouldBe((84.13 + 77.0 + 91.5 + 66.25 + 70.0) / 5, 1e-9);
            n.GetProperty("average").GetDouble().ShouldBe(77.8); // 77.776 to the measure's one decimal place
            var members = n.GetProperty("members").EnumerateArray().ToList();
            members.Single(m => m.GetProperty("laNumber").GetInt32() == Neighbours[5]).GetProperty("mark").GetString().ShouldBe("c");
            members.Where(m => Neighbours[6..].Contains(m.GetProperty("laNumber").GetInt32())).Count(m => m.TryGetProperty("value", out var _)).ShouldBe(0);
            members.Where(m => m.TryGetProperty("period", out _)).ShouldAllBe(m => m.GetProperty("period").GetString() == "2022-23");
        }
    }

    [Fact]
    public async Task ARevision_IsKeptBesideTheFirstPublication_AndComparisonsUseIt()
    {
        const string csv = """
            measure,period,level,code,value
            initial-visits-s17-5-wd,2022/23,authority,916,60
            initial-visits-s17-5-wd,2022/23 (Rev),authority,916,62.5
            initial-visits-s17-5-wd,2022/23,england,E92000001,71
            """;
        (await ImportAsync(csv, "?source=revisions")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var periods = (await GetAsync("/api/v1/benchmarks?source=revisions")).EnumerateArray().Single().GetProperty("periods").EnumerateArray().ToList();
        periods.Select(p => (p.GetProperty("label").GetString(), p.GetProperty("revised").GetBoolean())).ShouldBe([("2022/23", false), ("2022/23 (Rev)", true)], ignoreOrder: true);
        var comparison = await GetAsync("/api/v1/measures/initial-visits-s17-5-wd/comparison/2022-23?authority=916");
        comparison.GetProperty("authority").GetProperty("value").GetDouble().ShouldBe(62.5);
    }

    [Fact]
    public async Task PublishedFigures_AreListedAndWithdrawnPerSourceAndMeasure()
    {
        const string csv = """
            measure,period,level,code,value
            initial-visits-s47-2-wd,2022-23,authority,916,93
            initial-visits-s47-2-wd,2023-24,authority,916,95
            initial-visits-s47-2-wd,2023-24,england,England,88
            initial-visits-s47-2-wd,2023-24,region,South West,x
            """;
        (await ImportAsync(csv, "?source=withdrawn%20source")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var set = (await GetAsync("/api/v1/benchmarks?source=withdrawn%20source&measure=initial-visits-s47-2-wd")).EnumerateArray().Single();
        (set.GetProperty("figures").GetInt32(), set.GetProperty("values").GetInt32(), set.GetProperty("marks").GetInt32()).ShouldBe((4, 3, 1));
        set.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("label").GetString()).ShouldBe(["2022-23", "2023-24"]);
        (await GetAsync("/api/v1/measures/initial-visits-s47-2-wd/comparison/2023-24?authority=916")).GetProperty("england").GetProperty("value").GetDouble().ShouldBe(88);

        var withdrawn = await service.Admin.DeleteAsync("/api/v1/benchmarks/withdrawn%20source/measures/initial-visits-s47-2-wd?reason=Superseded%20by%20the%20revised%20release");
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await withdrawn.Json();
        (answer.GetProperty("figures").GetInt32(), answer.GetProperty("reason").GetString()).ShouldBe((4, "Superseded by the revised release"));

        (await GetAsync("/api/v1/benchmarks?source=withdrawn%20source")).GetArrayLength().ShouldBe(0);
        var after = await GetAsync("/api/v1/measures/initial-visits-s47-2-wd/comparison/2023-24?authority=916");
        after.GetProperty("authority").TryGetProperty("value", out _).ShouldBeFalse();
        after.GetProperty("england").TryGetProperty("value", out _).ShouldBeFalse();
        (await EventTypesAsync("benchmarks:withdrawn source:initial-visits-s47-2-wd")).ShouldBe(["BenchmarksPublished", "BenchmarksWithdrawn"]);
        (await service.Admin.DeleteAsync("/api/v1/benchmarks/withdrawn%20source/measures/initial-visits-s47-2-wd")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await service.Admin.DeleteAsync("/api/v1/benchmarks/withdrawn%20source/measures/no-such-measure")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListingAndWithdrawing_NeedTheirScopes()
    {
        var reader = await service.ClientWith(["read"], "916");
        (await reader.GetAsync("/api/v1/benchmarks?source=LAIT&measure=ReReferral")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync("/api/v1/benchmarks?measure=no-such-measure")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await reader.DeleteAsync("/api/v1/benchmarks/LAIT/measures/re-referrals")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.PostAsync("/api/v1/benchmarks", new StringContent("measure,period,level,code,value\n", Encoding.UTF8, "text/csv"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<long> EventsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM kpi.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> EventTypesAsync(string stream)
    {
        await using var connection = new Npgsql.NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT type FROM kpi.mt_events WHERE stream_id = $1 ORDER BY version", connection) { Parameters = { new() { Value = stream } } };
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) types.Add(reader.GetString(0));
        return types;
    }
}
