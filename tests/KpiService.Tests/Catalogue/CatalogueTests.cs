using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace KpiService.Tests.Catalogue;

/// <summary>Councils run their own catalogue: local indicators, codes and labels, a reporting schedule with data states, commentary.</summary>
public sealed class CatalogueTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly object CaseloadMeasure = new
    {
        title = "Children per social worker in the Cotswolds team", area = "Workforce", unit = "average", polarity = "lower", decimalPlaces = 1,
        aggregation = "ratio", code = "GLOS 17", performanceGroups = new object[] { new { group = 1, from = 15 }, new { group = 2, from = 18 }, new { group = 3 } },
    };

    [Fact]
    public async Task LocalIndicator_IsDefinedRatedAndOwnedByItsCouncilAlone()
    {
        var glos = await service.ClientWith(["catalogue", "submit", "targets", "read"], "916");
        var define = await glos.PutAsJsonAsync("/api/v1/authorities/916/measures/cotswolds-caseload", CaseloadMeasure);
        define.StatusCode.ShouldBe(HttpStatusCode.Created, await define.Content.ReadAsStringAsync());
        (await define.Json()).GetProperty("id").GetString().ShouldBe("916.cotswolds-caseload");
        define.Headers.Location!.ToString().ShouldBe("/api/v1/authorities/916/measures/916.cotswolds-caseload");

        // Its own code finds it for a figure; a target with council-style bands rates it.
        (await glos.PutAsJsonAsync("/api/v1/authorities/916/measures/cotswolds-caseload/targets/2021-04",
            new { bands = new object[] { new { status = "green", to = 16 }, new { status = "amber", from = 16.1, to = 18 }, new { status = "red", from = 18.1 } } })).EnsureSuccessStatusCode();
        (await glos.PutAsJsonAsync("/api/v1/authorities/916/measures/GLOS 17/figures/2021-09", new { numerator = 170, denominator = 10 })).EnsureSuccessStatusCode();
        var rating = await (await glos.GetAsync("/api/v1/authorities/916/measures/cotswolds-caseload/ratings/2021-09")).Json();
        rating.GetProperty("measure").GetString().ShouldBe("916.cotswolds-caseload");
        rating.GetProperty("measureCode").GetString().ShouldBe("GLOS 17");
        rating.GetProperty("value").GetDouble().ShouldBe(17);
        rating.GetProperty("status").GetString().ShouldBe("amber");
        rating.GetProperty("performanceGroup").GetInt32().ShouldBe(2);

        // Another council neither sees it nor can change it, and its own view is untouched.
        var darlington = await service.ClientWith(["catalogue", "read", "submit"], "841");
        (await darlington.GetAsync("/api/v1/authorities/841/measures/916.cotswolds-caseload/ratings/2021-09")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await darlington.PutAsJsonAsync("/api/v1/authorities/841/measures/916.cotswolds-caseload/figures/2021-09", new { numerator = 1, denominator = 1 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await darlington.PutAsJsonAsync("/api/v1/authorities/916/measures/cotswolds-caseload", CaseloadMeasure)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var darlingtonMeasures = await (await darlington.GetAsync("/api/v1/authorities/841/measures")).Json();
        darlingtonMeasures.EnumerateArray().ShouldNotContain(m => m.GetProperty("measure").GetProperty("id").GetString()!.StartsWith("916."));
        // National measures stay the operator's.
        (await glos.PutAsJsonAsync("/api/v1/measures/re-referrals", CaseloadMeasure)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task LocalNamesAndLabels_ShowOnTheCouncilsReadsOnly()
    {
        var darlington = await service.ClientWith(["catalogue", "submit", "targets", "read"], "841");
        (await darlington.PutAsJsonAsync("/api/v1/authorities/841/measures/children-entering-care/local-name", new { code = "CSC 209", title = "Children who became looked after" })).EnsureSuccessStatusCode();
        (await darlington.PutAsJsonAsync("/api/v1/authorities/841/labels", new { amber = new { name = "Yellow", colour = "#FFDD00" } })).EnsureSuccessStatusCode();
        (await darlington.PutAsJsonAsync("/api/v1/authorities/841/measures/re-referrals/targets/2021-04", new { target = 20, tolerance = 3 })).EnsureSuccessStatusCode();
        (await darlington.PutAsJsonAsync("/api/v1/authorities/841/measures/re-referrals/figures/2021-09", new { numerator = 22, denominator = 100 })).EnsureSuccessStatusCode();
        (await darlington.PutAsJsonAsync("/api/v1/authorities/841/measures/CSC 209/figures/2021-09", new { value = 12 })).EnsureSuccessStatusCode();

        var rating = await (await darlington.GetAsync("/api/v1/authorities/841/measures/re-referrals/ratings/2021-09")).Json();
        rating.GetProperty("status").GetString().ShouldBe("amber");
        rating.GetProperty("label").GetString().ShouldBe("Yellow");
        rating.GetProperty("colour").GetString().ShouldBe("#ffdd00");
        var named = await (await darlington.GetAsync("/api/v1/authorities/841/measures/children-entering-care/ratings/2021-09")).Json();
        named.GetProperty("measureCode").GetString().ShouldBe("CSC 209");
        named.GetProperty("measureTitle").GetString().ShouldBe("Children who became looked after");

        // Gloucestershire's view of the same national measures is unchanged.
        var measures = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures")).Json();
        measures.EnumerateArray().Single(m => m.GetProperty("measure").GetProperty("id").GetString() == "children-entering-care")
            .GetProperty("measure").GetProperty("title").GetString().ShouldNotBe("Children who became looked after");
    }

    [Fact]
    public async Task ScheduledMeasureWithoutAFigure_IsDueBeforeItsDueDayAndOverdueAfter_OrMarked()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var lastMonth = today.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var monthsAgo = today.AddMonths(-5).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var slough = await service.ClientWith(["catalogue", "submit", "read"], "871");
        // Due 40 working days after the month ends: last month's figure is not yet late, one from five months ago is.
        (await slough.PutAsJsonAsync("/api/v1/authorities/871/schedule", new
        {
            entries = new object[]
            {
                new { measure = "re-referrals", frequency = "monthly", dueWorkingDay = 40 },
                new { measure = "referrals", frequency = "monthly", dueWorkingDay = 40 },
                new { measure = "assessments-within-45-wd", frequency = "monthly", dueWorkingDay = 40 },
            },
        })).EnsureSuccessStatusCode();
        (await slough.PostAsJsonAsync("/api/v1/authorities/871/schedule/marks", new { measure = "assessments-within-45-wd", from = monthsAgo, kind = "awaitingPartner", reason = "awaiting Health" })).EnsureSuccessStatusCode();
        (await slough.PutAsJsonAsync($"/api/v1/authorities/871/measures/referrals/figures/{monthsAgo}", new { value = 180 })).EnsureSuccessStatusCode();

        var recent = await (await slough.GetAsync($"/api/v1/authorities/871/scorecard/{lastMonth}")).Json();
        Missing(recent, "re-referrals").GetProperty("dataState").GetString().ShouldBe("due");
        var old = await (await slough.GetAsync($"/api/v1/authorities/871/scorecard/{monthsAgo}")).Json();
        Missing(old, "re-referrals").GetProperty("dataState").GetString().ShouldBe("overdue");
        var marked = Missing(old, "assessments-within-45-wd");
        marked.GetProperty("dataState").GetString().ShouldBe("awaitingPartner");
        marked.GetProperty("reason").GetString().ShouldBe("awaiting Health");
        old.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("ratings").EnumerateArray())
            .Single(r => r.GetProperty("measure").GetString() == "referrals").GetProperty("dataState").GetString().ShouldBe("received");

        var overdue = await (await service.Admin.GetAsync($"/api/v1/overdue?since={today.AddMonths(-6):yyyy-MM-dd}")).Json();
        overdue.GetProperty("overdue").EnumerateArray().ShouldContain(o => o.GetProperty("authority").GetProperty("laNumber").GetInt32() == 871
            && o.GetProperty("measure").GetString() == "re-referrals" && o.GetProperty("period").GetString() == monthsAgo);
    }

    [Theory]
    [InlineData("awaitingPartner, definitionChanged")] // System.Text.Json alone reads this as the OR of two members
    [InlineData("awaitingHealth")]
    public async Task MarkOfAKindThatIsNotOne_IsRefusedNamingTheField(string kind)
    {
        var darlington = await service.ClientWith(["catalogue"], "841");
        var response = await darlington.PostAsJsonAsync("/api/v1/authorities/841/schedule/marks", new { measure = "re-referrals", from = "2021-04", kind, reason = "awaiting Health" });
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await response.Json()).Errors().ShouldContain("kind: is not one of: notApplicable, awaitingPartner, definitionChanged.");
    }

    [Fact]
    public async Task Commentary_RoundTripsKeepsRevisionsAppearsOnTheRating_AndRefusesMarkup()
    {
        var glos = await service.ClientWith(["submit", "read"], "916");
        (await glos.PutAsJsonAsync("/api/v1/authorities/916/measures/re-referrals/figures/2021-08", new { numerator = 43, denominator = 200 })).EnsureSuccessStatusCode();
        var url = "/api/v1/authorities/916/measures/re-referrals/commentary/2021-08";
        var first = await glos.PutAsJsonAsync(url, new { text = "Re-referrals rose after the MASH restructure.", action = new { text = "Audit 20 re-referrals", owner = "Head of MASH", due = "2021-10-31" } });
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await glos.PutAsJsonAsync(url, new { text = "Re-referrals rose after the MASH restructure; audit under way." })).EnsureSuccessStatusCode();

        var thread = await (await glos.GetAsync(url)).Json();
        thread.GetProperty("current").GetProperty("text").GetString().ShouldBe("Re-referrals rose after the MASH restructure; audit under way.");
        thread.GetProperty("revisions").GetArrayLength().ShouldBe(2);
        thread.GetProperty("revisions")[0].GetProperty("action").GetProperty("owner").GetString().ShouldBe("Head of MASH");
        var rating = await (await glos.GetAsync("/api/v1/authorities/916/measures/re-referrals/ratings/2021-08")).Json();
        rating.GetProperty("commentary").GetProperty("text").GetString()!.ShouldContain("audit under way");

        var markup = await glos.PutAsJsonAsync(url, new { text = "<b>bold</b> claim" });
        markup.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await markup.Json()).Errors().ShouldContain(e => e.StartsWith("text:"));
        var nul = await glos.PutAsJsonAsync(url, new { text = "claim\u0000" });
        nul.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nul.Json()).Errors().ShouldContain(e => e.StartsWith("text:") && e.Contains("NUL"));
        (await (await glos.GetAsync(url)).Json()).GetProperty("revisions").GetArrayLength().ShouldBe(2);
    }

    private static JsonElement Missing(JsonElement scorecard, string measure) =>
        scorecard.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("missing").EnumerateArray()).Single(m => m.GetProperty("measure").GetString() == measure);
}
