using System.Net;
using System.Text.Json;

namespace KpiService.Tests.Dashboard;

/// <summary>
/// Gloucestershire's September 2021 dashboard read back from the service and set against the report (seeds/000 lines
/// 133–259): every row in the report's order under its thematic area, the report's values and targets, the status
/// each value earns against its target, the report's performance groups, and a summary that counts them.
/// </summary>
[Collection(GloucestershireCollection.Name)]
public sealed class DashboardReadTests(GloucestershireFixture glos)
{
    // The two rows whose published performance group is not the default 90/80 banding (the domain's golden test explains them).
    private static readonly string[] CouncilBanded =
    [
        "% of children aged under 16 in care for at least 2.5 yrs who have been in the same placement for at least 2 yrs",
        "% of children open to Social Care who have an up-to-date case supervision",
    ];

    private static IEnumerable<JsonElement> Rows(JsonElement dashboard) =>
        dashboard.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rows").EnumerateArray());

    [Fact]
    public async Task Rows_AreTheReportsMeasuresInItsOrderUnderItsThematicAreas()
    {
        var dashboard = await glos.DashboardAsync();

        dashboard.GetProperty("groupBy").GetString().ShouldBe("area");
        dashboard.GetProperty("from").GetString().ShouldBe("2020-09");
        dashboard.GetProperty("months").GetInt32().ShouldBe(13);
        dashboard.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("title").GetString())
            .ShouldBe(glos.Rows.Select(r => r.Area).Distinct());
        Rows(dashboard).Select(r => r.GetProperty("measureTitle").GetString()).ShouldBe(glos.Rows.Select(r => r.Title));
        foreach (var group in dashboard.GetProperty("groups").EnumerateArray())
            group.GetProperty("rows").EnumerateArray().ShouldAllBe(r => r.GetProperty("area").GetString() == group.GetProperty("title").GetString());
    }

    [Fact]
    public async Task EachRow_HasTheReportsThirteenMonthsValueTargetAndTheStatusTheyEarn()
    {
        var dashboard = await glos.DashboardAsync();
        var wrong = new List<string>();
        foreach (var (row, seed) in Rows(dashboard).Zip(glos.Rows))
        {
            var series = row.GetProperty("series").EnumerateArray().ToList();
            series.Select(p => p.GetProperty("period").GetString()).ShouldBe(Enumerable.Range(0, 13).Select(GloucestershireFixture.Month));
            var values = series.Select(p => p.TryGetProperty("value", out var v) ? v.GetDouble() : (double?)null);
            if (!values.SequenceEqual(seed.Values)) wrong.Add($"{seed.Title}: series {string.Join(",", values)}");

            row.GetProperty("dataState").GetString().ShouldBe("received");
            var rating = row.GetProperty("rating");
            rating.GetProperty("value").GetDouble().ShouldBe(seed.Values[^1]!.Value, 1e-9);
            var expected = ExpectedStatus(seed);
            if (rating.GetProperty("status").GetString() != expected) wrong.Add($"{seed.Title}: {rating.GetProperty("status").GetString()}, expected {expected}");
            if (seed.Target is { } target)
            {
                rating.GetProperty("target").GetDouble().ShouldBe(target);
                rating.GetProperty("distanceFromTarget").GetDouble().ShouldBe(seed.Values[^1]!.Value - target, 1e-9);
            }
            if (seed.Values[^2] is { } previous)
                rating.GetProperty("changeSincePrevious").GetDouble().ShouldBe(seed.Values[^1]!.Value - previous, 1e-9);
            // The council calls amber "Yellow" (seeds/000 lines 197–205); the other statuses keep their names.
            rating.GetProperty("label").GetString().ShouldBe(expected == "amber" ? "Yellow" : expected);
            // The last point of the series carries the period's own status.
            series[^1].GetProperty("status").GetString().ShouldBe(expected);
            row.TryGetProperty("commentary", out var commentary).ShouldBe(seed.Overview.Length > 0);
            if (seed.Overview.Length > 0) commentary.GetProperty("text").GetString().ShouldBe(seed.Overview);
        }
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task PerformanceGroups_AreTheReports_AndGroupingByThemGathersTheirRows()
    {
        var byArea = await glos.DashboardAsync();
        var mismatches = new List<string>();
        foreach (var (row, seed) in Rows(byArea).Zip(glos.Rows).Where(x => !x.Second.LowerIsBetter && !CouncilBanded.Contains(x.Second.Title)))
        {
            var published = int.Parse(seed.PublishedGroup.Trim()[..1]);
            if (row.GetProperty("rating").GetProperty("performanceGroup").GetInt32() != published) mismatches.Add($"{seed.Title}: published {published}");
        }
        mismatches.ShouldBeEmpty();

        var byGroup = await glos.DashboardAsync("?groupBy=performanceGroup");
        byGroup.GetProperty("groupBy").GetString().ShouldBe("performanceGroup");
        var groups = byGroup.GetProperty("groups").EnumerateArray().ToList();
        groups.Select(g => g.GetProperty("title").GetString()).ShouldBe(["Performance group 1", "Performance group 2", "Performance group 3", "No performance group"]);
        foreach (var (group, n) in groups.Take(3).Select((g, i) => (g, i + 1)))
            group.GetProperty("rows").EnumerateArray().ShouldAllBe(r => r.GetProperty("rating").GetProperty("performanceGroup").GetInt32() == n);
        // Lower-is-better measures have no default banding: they are the ungrouped rows, in the report's order.
        groups[3].GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("measureTitle").GetString())
            .ShouldBe(glos.Rows.Where(r => r.LowerIsBetter).Select(r => r.Title));
        Rows(byGroup).Count().ShouldBe(glos.Rows.Count);
    }

    [Fact]
    public async Task Summary_CountsStatusesAndListsExceptionGroupsConsistently()
    {
        var dashboard = await glos.DashboardAsync();
        var summary = dashboard.GetProperty("summary");
        var expected = glos.Rows.Select(ExpectedStatus).ToList();

        summary.GetProperty("measures").GetInt32().ShouldBe(77);
        summary.GetProperty("green").GetInt32().ShouldBe(expected.Count(s => s == "green"));
        summary.GetProperty("amber").GetInt32().ShouldBe(expected.Count(s => s == "amber"));
        summary.GetProperty("red").GetInt32().ShouldBe(expected.Count(s => s == "red"));
        summary.GetProperty("unrated").GetInt32().ShouldBe(expected.Count(s => s == "unrated"));
        summary.GetProperty("noFigure").GetInt32().ShouldBe(0);

        var status = Rows(dashboard).ToDictionary(r => r.GetProperty("measure").GetString()!, r => r.GetProperty("rating").GetProperty("status").GetString());
        string[] List(string name) => [.. summary.GetProperty(name).EnumerateArray().Select(e => e.GetProperty("measureId").GetString()!)];
        List("doBetter").ShouldNotBeEmpty();
        List("doBetter").ShouldAllBe(id => status[id] == "red");
        List("goingWell").ShouldNotBeEmpty();
        List("goingWell").ShouldAllBe(id => status[id] == "green" || status[id] == "unrated");
        // Every red and amber measure is in one of the lists: a board never loses sight of one.
        var listed = List("doBetter").Concat(List("onesToWatch")).ToHashSet();
        status.Where(s => s.Value is "red" or "amber").Select(s => s.Key).Where(id => !listed.Contains(id)).ShouldBeEmpty();
        // The first row of the report: "Continued decline … 10% points below target" (seeds/000 line 139).
        var first = Rows(dashboard).First().GetProperty("rating");
        first.GetProperty("trend").GetProperty("summary").GetString().ShouldBe("declining for 6 periods, down 13.5 points since 2021-03");
        first.GetProperty("exception").GetProperty("group").GetString().ShouldBe("doBetter");
    }

    [Fact]
    public async Task BadOptions_AreEachNamedInOne400()
    {
        var response = await glos.Admin.GetAsync("/api/v1/authorities/916/dashboard/2021-13?months=0&groupBy=team&asAt=01/12/2021&model=1999&breakdown=nocolon");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Json()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        errors.ShouldBe(["period", "months", "groupBy", "breakdown", "asAt", "model"], ignoreOrder: true);

        (await glos.Admin.GetAsync("/api/v1/authorities/999/dashboard/2021-09")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>The report's value against its target, as the report's key reads it (seeds/000 lines 118–131), with a tolerance of 5 points.</summary>
    private static string ExpectedStatus(Reports.Tests.Fixtures.SeedRow seed)
    {
        if (seed.Target is not { } target) return "unrated";
        var value = seed.Values[^1]!.Value;
        var shortfall = seed.LowerIsBetter ? value - target : target - value;
        return shortfall <= 1e-9 ? "green" : shortfall <= GloucestershireFixture.Tolerance + 1e-9 ? "amber" : "red";
    }
}
