using System.Net;

namespace KpiService.Tests.ReferenceData;

public sealed class TargetsTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string Targets = "/api/v1/authorities/916/measures/assessments-within-45-wd/targets";

    [Fact]
    public async Task TargetHistory_ReturnsTheTargetInForceForAPeriod()
    {
        (await service.Admin.Put($"{Targets}/2020-04", new { target = 85, tolerance = 5 })).EnsureSuccessStatusCode();
        // Stretch targets from April 2021, as Gloucestershire set them.
        (await service.Admin.Put($"{Targets}/2021-04", new { target = 87, tolerance = 5, labels = new { amber = "Yellow" } })).EnsureSuccessStatusCode();

        var march = await (await service.Admin.GetAsync($"{Targets}?period=2021-03")).Json();
        var september = await (await service.Admin.GetAsync($"{Targets}?period=2021-09")).Json();

        march.GetProperty("targets").GetArrayLength().ShouldBe(2);
        march.GetProperty("inForce").GetProperty("target").GetDouble().ShouldBe(85);
        september.GetProperty("inForce").GetProperty("target").GetDouble().ShouldBe(87);
        september.GetProperty("inForce").GetProperty("labels").GetProperty("amber").GetString().ShouldBe("Yellow");
    }

    [Theory]
    // "17 or below green, 18.1–20 amber" leaves 17.1 to 18.0 nowhere.
    [InlineData("gap", """[{"status":"green","to":17},{"status":"amber","from":18.1,"to":20},{"status":"red","from":20.1}]""", "gap: values from 17.1 to 18.0 fall in no band")]
    [InlineData("overlap", """[{"status":"green","to":17},{"status":"amber","from":16.5,"to":20},{"status":"red","from":20.1}]""", "overlap: values from 16.5 to 17.0 fall in both green and amber")]
    [InlineData("direction", """[{"status":"red","to":17},{"status":"amber","from":17.1,"to":20},{"status":"green","from":20.1}]""", "direction:")]
    [InlineData("open top", """[{"status":"green","to":17},{"status":"amber","from":17.1,"to":20}]""", "gap: values above 20.0 fall in no band")]
    public async Task MalformedBandTable_IsRejectedNamingItsDefect(string defect, string bands, string expected)
    {
        // re-referrals: lower is better, one decimal place.
        var response = await service.Admin.PutAsync("/api/v1/authorities/916/measures/re-referrals/targets/2021-04",
            new StringContent($$"""{"bands":{{bands}}}""", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, defect);
        var errors = (await response.Json()).Errors();
        errors.ShouldContain(e => e.Contains(expected), $"{defect}: {string.Join(" | ", errors)}");
    }

    [Fact]
    public async Task WellFormedBandTable_IsAccepted()
    {
        var response = await service.Admin.PutAsync("/api/v1/authorities/916/measures/re-referrals/targets/2021-04",
            new StringContent("""{"bands":[{"status":"green","to":17},{"status":"amber","from":17.1,"to":20},{"status":"red","from":20.1}]}""", System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task BandsAsCouncilsWriteThem_AreAccepted_WholeNumbersWithDecimalBoundsAndExclusiveBounds()
    {
        // Caseloads are whole numbers: "0–12 green, 12.1–14 amber, 14.1+ red" leaves no whole number out (seeds/000 line 92 writes bands so).
        (await service.Admin.Put("/api/v1/measures/sw-caseload-whole", new
        {
            title = "Average social worker caseload", area = "Workforce", unit = "average", polarity = "lower", decimalPlaces = 0, aggregation = "ratio",
        })).EnsureSuccessStatusCode();
        var caseload = await service.Admin.PutAsync("/api/v1/authorities/916/measures/sw-caseload-whole/targets/2021-04",
            new StringContent("""{"bands":[{"status":"green","from":0,"to":12},{"status":"amber","from":12.1,"to":14},{"status":"red","from":14.1}]}""", System.Text.Encoding.UTF8, "application/json"));
        caseload.StatusCode.ShouldBe(HttpStatusCode.OK, await caseload.Content.ReadAsStringAsync());

        // "85%–89% amber, 90% or above green" without inventing 89.9: amber below 90, red below 85.
        var visits = await service.Admin.PutAsync("/api/v1/authorities/916/measures/assessments-within-45-wd/targets/2021-04",
            new StringContent("""{"bands":[{"status":"red","below":85},{"status":"amber","from":85,"below":90},{"status":"green","from":90}]}""", System.Text.Encoding.UTF8, "application/json"));
        visits.StatusCode.ShouldBe(HttpStatusCode.OK, await visits.Content.ReadAsStringAsync());
        (await service.Admin.Put("/api/v1/authorities/916/measures/assessments-within-45-wd/figures/2021-09", new { numerator = 897, denominator = 1000 })).EnsureSuccessStatusCode();
        var rating = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/assessments-within-45-wd/ratings/2021-09")).Json();
        rating.GetProperty("status").GetString().ShouldBe("amber"); // 89.7 is below 90
    }

    [Fact]
    public async Task TargetOnNeutralMeasure_IsRejected()
    {
        var response = await service.Admin.Put("/api/v1/authorities/916/measures/children-in-care-rate/targets/2021-04", new { target = 50, tolerance = 5 });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Json()).Errors().ShouldContain(e => e.Contains("neutral"));
    }
}
