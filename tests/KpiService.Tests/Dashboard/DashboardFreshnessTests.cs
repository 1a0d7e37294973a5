using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace KpiService.Tests.Dashboard;

/// <summary>
/// A dashboard is served from memory until something it shows changes: the authority's own figures (revisions, "as at"
/// answers), its peers' figures, its schedule; measures expected but missing keep their rows with their data state.
/// </summary>
[Collection(GloucestershireCollection.Name)]
public sealed class DashboardFreshnessTests(GloucestershireFixture glos)
{
    private HttpClient Admin => glos.Admin;

    private async Task<(JsonElement Json, string ETag)> DashboardAsync(string authority, string query = "")
    {
        var response = await Admin.GetAsync($"/api/v1/authorities/{authority}/dashboard/2021-09{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Json(), response.Headers.ETag!.Tag);
    }

    private static JsonElement Row(JsonElement dashboard, string measure) =>
        dashboard.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rows").EnumerateArray()).Single(r => r.GetProperty("measure").GetString() == measure);

    private async Task PutAsync(string authority, string measure, string period, object body) =>
        (await Admin.PutAsJsonAsync($"/api/v1/authorities/{authority}/measures/{measure}/figures/{period}", body)).EnsureSuccessStatusCode();

    [Fact]
    public async Task Dashboard_IsCachedUntilAFigureIsRevised_AndAsAtShowsWhatTheBoardSawBefore()
    {
        await PutAsync("841", "re-referrals", "2021-08", new { numerator = 40, denominator = 200 });
        await PutAsync("841", "re-referrals", "2021-09", new { numerator = 44, denominator = 200 });
        var (first, etag) = await DashboardAsync("841");
        var (again, sameEtag) = await DashboardAsync("841");
        sameEtag.ShouldBe(etag);
        again.GetProperty("generatedAt").GetString().ShouldBe(first.GetProperty("generatedAt").GetString()); // the same bytes, not recomputed
        Row(first, "re-referrals").GetProperty("rating").GetProperty("value").GetDouble().ShouldBe(22, 1e-9);
        Row(first, "re-referrals").GetProperty("revision").GetInt32().ShouldBe(1);

        await Task.Delay(50);
        var boardMeeting = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await PutAsync("841", "re-referrals", "2021-09", new { numerator = 50, denominator = 200 });

        var (revised, newEtag) = await DashboardAsync("841");
        newEtag.ShouldNotBe(etag);
        var row = Row(revised, "re-referrals");
        row.GetProperty("rating").GetProperty("value").GetDouble().ShouldBe(25, 1e-9);
        row.GetProperty("revision").GetInt32().ShouldBe(2);
        row.GetProperty("revised").GetBoolean().ShouldBeTrue();

        var asAt = boardMeeting.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var (then, _) = await DashboardAsync("841", $"?asAt={asAt}");
        then.GetProperty("asAt").GetDateTimeOffset().ShouldBe(boardMeeting, TimeSpan.FromMilliseconds(1));
        Row(then, "re-referrals").GetProperty("rating").GetProperty("value").GetDouble().ShouldBe(22, 1e-9);
        Row(then, "re-referrals").GetProperty("revised").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task PeerValues_FollowTheNeighboursFigures()
    {
        await PutAsync("871", "re-referrals", "2021-09", new { numerator = 30, denominator = 200 });
        var neighbours = (await (await Admin.GetAsync("/api/v1/authorities/871/neighbours")).Json()).GetProperty("neighbours").EnumerateArray()
            .Select(n => n.GetProperty("laNumber").GetInt32().ToString(CultureInfo.InvariantCulture)).ToList();
        var (before, _) = await DashboardAsync("871");
        var peers = Row(before, "re-referrals").GetProperty("peers");
        // Before any neighbour reports September, their latest published outturn stands in, with its own period.
        peers.GetProperty("neighbours").GetProperty("period").GetString().ShouldNotBe("2021-09");
        peers.GetProperty("england").GetProperty("source").GetString().ShouldBe("published");

        foreach (var neighbour in neighbours) await PutAsync(neighbour, "re-referrals", "2021-09", new { numerator = 1, denominator = 100 });

        var (after, _) = await DashboardAsync("871");
        var now = Row(after, "re-referrals").GetProperty("peers").GetProperty("neighbours");
        now.GetProperty("period").GetString().ShouldBe("2021-09");
        now.GetProperty("value").GetDouble().ShouldBe(1, 1e-9);
        now.GetProperty("count").GetInt32().ShouldBe(neighbours.Count);
    }

    [Fact]
    public async Task ExpectedMeasuresWithoutAFigure_KeepTheirRowsWithTheirDataState()
    {
        await PutAsync("852", "re-referrals", "2021-09", new { numerator = 30, denominator = 200 });
        (await Admin.PutAsJsonAsync("/api/v1/authorities/852/schedule", new
        {
            entries = new object[]
            {
                new { measure = "assessments-within-45-wd", frequency = "monthly", dueWorkingDay = 10 },
                new { measure = "cp-seen-10-wd", frequency = "monthly", dueWorkingDay = 10 },
                new { measure = "re-referrals", frequency = "monthly", dueWorkingDay = 10 },
            },
        })).EnsureSuccessStatusCode();
        (await Admin.PostAsJsonAsync("/api/v1/authorities/852/schedule/marks", new { measure = "cp-seen-10-wd", from = "2021-09", kind = "awaitingPartner", reason = "awaiting Health" }))
            .EnsureSuccessStatusCode();

        var (dashboard, _) = await DashboardAsync("852");

        dashboard.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rows").EnumerateArray()).Select(r => r.GetProperty("measure").GetString())
            .ShouldBe(["assessments-within-45-wd", "cp-seen-10-wd", "re-referrals"], ignoreOrder: true);
        var overdue = Row(dashboard, "assessments-within-45-wd");
        overdue.GetProperty("dataState").GetString().ShouldBe("overdue");
        overdue.GetProperty("dueBy").GetString().ShouldBe("2021-10-14"); // the 10th working day after September 2021
        overdue.TryGetProperty("rating", out _).ShouldBeFalse();
        var awaiting = Row(dashboard, "cp-seen-10-wd");
        awaiting.GetProperty("dataState").GetString().ShouldBe("awaitingPartner");
        awaiting.GetProperty("dataStateReason").GetString().ShouldBe("awaiting Health");
        dashboard.GetProperty("summary").GetProperty("noFigure").GetInt32().ShouldBe(2);
        dashboard.GetProperty("summary").GetProperty("measures").GetInt32().ShouldBe(3);
    }
}
