using System.Net;
using System.Net.Http.Json;

namespace KpiService.Tests.Ratings;

public sealed class RatingsTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    // Gloucestershire's % of single assessments within 45 working days, Sep-20 to Sep-21 (seed 000), as counts of 1,000.
    private static readonly double[] Assessments = [81.7, 83.5, 82.3, 83.5, 86.7, 86.2, 79.8, 78.8, 80.5, 82.9, 86.0, 80.3, 83.2];

    private async Task LoadAssessmentsAsync()
    {
        var figures = Assessments.Select((v, i) => new { measure = "assessments-within-45-wd", period = $"{new DateOnly(2020, 9, 1).AddMonths(i):yyyy-MM}", numerator = v * 10, denominator = 1000 });
        (await service.Admin.PostAsJsonAsync("/api/v1/authorities/916/returns", new { figures })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/assessments-within-45-wd/targets/2020-04", new { target = 85, tolerance = 5 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/assessments-within-45-wd/targets/2021-04", new { target = 87, tolerance = 5, labels = new { amber = "Yellow" } })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Rating_MatchesThePublishedDashboardRow()
    {
        await LoadAssessmentsAsync();
        var rating = await (await service.Admin.GetAsync("/api/v1/authorities/E10000013/measures/assessments-within-45-wd/ratings/2021-09")).Json();

        rating.GetProperty("value").GetDouble().ShouldBe(83.2, 1e-9);
        rating.GetProperty("target").GetDouble().ShouldBe(87);            // the stretch target from April applies
        rating.GetProperty("distanceFromTarget").GetDouble().ShouldBe(-3.8, 1e-9);
        rating.GetProperty("changeSincePrevious").GetDouble().ShouldBe(2.9, 1e-9);
        rating.GetProperty("direction").GetString().ShouldBe("up");
        rating.GetProperty("judgement").GetString().ShouldBe("improving");
        rating.GetProperty("status").GetString().ShouldBe("amber");
        rating.GetProperty("label").GetString().ShouldBe("Yellow");
        rating.GetProperty("performanceGroup").GetInt32().ShouldBe(2);
        rating.GetProperty("rule").GetProperty("fromPeriod").GetString().ShouldBe("2021-04");
        rating.GetProperty("smallCohort").GetBoolean().ShouldBeFalse();
        rating.GetProperty("confidenceInterval").GetProperty("lower").GetDouble().ShouldBeLessThan(83.2);
        var ytd = rating.GetProperty("yearToDate");
        ytd.GetProperty("period").GetString().ShouldBe("2021-22");
        ytd.GetProperty("value").GetDouble().ShouldBe((788 + 805 + 829 + 860 + 803 + 832) / 6000.0 * 100, 1e-9);
    }

    [Fact]
    public async Task Rating_ForAQuarterIsComputedFromItsMonths()
    {
        await LoadAssessmentsAsync();
        var rating = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/assessments-within-45-wd/ratings/2021-22-Q2")).Json();
        rating.GetProperty("source").GetString().ShouldBe("computed");
        rating.GetProperty("value").GetDouble().ShouldBe((860 + 803 + 832) / 3000.0 * 100, 1e-9);
    }

    [Fact]
    public async Task Rating_ServedFromItsCachedBytes_UntilARevisionChangesIt()
    {
        const string figures = "/api/v1/authorities/886/measures/re-referrals/figures";
        (await service.Admin.Put($"{figures}/2021-08", new { numerator = 210, denominator = 1000 })).EnsureSuccessStatusCode();
        (await service.Admin.Put($"{figures}/2021-09", new { numerator = 190, denominator = 1000 })).EnsureSuccessStatusCode();
        const string rating = "/api/v1/authorities/886/measures/re-referrals/ratings/2021-09";

        var first = await service.Admin.GetAsync(rating);
        var again = await service.Admin.GetAsync(rating);
        first.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        var firstBody = await first.Content.ReadAsByteArrayAsync();
        first.Content.Headers.ContentLength.ShouldBe(firstBody.Length);
        (await again.Content.ReadAsByteArrayAsync()).ShouldBe(firstBody);
        (await first.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("value").GetDouble().ShouldBe(19, 1e-9);

        (await service.Admin.Put($"{figures}/2021-09", new { numerator = 230, denominator = 1000 })).EnsureSuccessStatusCode();
        var revised = await (await service.Admin.GetAsync(rating)).Json();
        revised.GetProperty("value").GetDouble().ShouldBe(23, 1e-9);
        revised.GetProperty("direction").GetString().ShouldBe("up");
    }

    [Fact]
    public async Task Rating_WithoutAFigureIs404()
    {
        var response = await service.Admin.GetAsync("/api/v1/authorities/916/measures/cp-seen-10-wd/ratings/2019-09");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Spc_DrawsTheXmRChartAndAssurance()
    {
        await LoadAssessmentsAsync();
        var spc = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/assessments-within-45-wd/ratings/2021-09/spc")).Json();
        spc.GetProperty("mean").GetDouble().ShouldBe(Assessments.Average(), 1e-9);
        spc.GetProperty("points").GetArrayLength().ShouldBe(13);
        spc.GetProperty("variation").GetString().ShouldBe("commonCause");
        spc.GetProperty("assurance").GetString().ShouldBe("hitAndMiss"); // 87 sits inside the limits
    }

    [Fact]
    public async Task Scorecard_GroupsEveryReportedMeasureByAreaWithCounts()
    {
        await LoadAssessmentsAsync();
        (await service.Admin.Put("/api/v1/authorities/916/measures/re-referrals/figures/2021-09", new { numerator = 207, denominator = 967 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/re-referrals/targets/2021-04", new { target = 22.5, tolerance = 2.5 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/children-in-care/figures/2021-09", new { value = 834 })).EnsureSuccessStatusCode();

        var scorecard = await (await service.Admin.GetAsync("/api/v1/authorities/916/scorecard/2021-09")).Json();

        var summary = scorecard.GetProperty("summary");
        summary.GetProperty("green").GetInt32().ShouldBe(1);    // re-referrals 21.4 % against 22.5
        summary.GetProperty("amber").GetInt32().ShouldBe(1);    // assessments 83.2 % against 87
        summary.GetProperty("unrated").GetInt32().ShouldBe(1);  // children in care: neutral
        var areas = scorecard.GetProperty("areas").EnumerateArray().Select(a => a.GetProperty("area").GetString()).ToList();
        areas.ShouldBe(["Assessment", "Children in care", "Front door"]);
    }
}
