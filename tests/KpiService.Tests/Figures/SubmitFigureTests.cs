using System.Net;
using System.Net.Http.Json;

namespace KpiService.Tests.Figures;

public sealed class SubmitFigureTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static string Figure(string measure, string period, string authority = "916") => $"/api/v1/authorities/{authority}/measures/{measure}/figures/{period}";

    [Fact]
    public async Task NewRevisedUnchanged_Answer201Then200Then200Unchanged()
    {
        var url = Figure("assessments-within-45-wd", "2021-07");
        var created = await service.Admin.Put(url, new { numerator = 137, denominator = 157 });
        var revised = await service.Admin.Put(url, new { numerator = 138, denominator = 157 });
        var again = await service.Admin.Put(url, new { numerator = 138, denominator = 157 });

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await created.Json()).GetProperty("value").GetDouble().ShouldBe(137.0 / 157 * 100, 1e-9);
        revised.StatusCode.ShouldBe(HttpStatusCode.OK);
        var revisedBody = await revised.Json();
        revisedBody.GetProperty("revision").GetInt32().ShouldBe(2);
        revisedBody.GetProperty("firstReportedValue").GetDouble().ShouldBe(137.0 / 157 * 100, 1e-9);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Json()).GetProperty("unchanged").GetBoolean().ShouldBeTrue();
        again.Headers.ETag!.Tag.ShouldBe(revised.Headers.ETag!.Tag);

        var history = await (await service.Admin.GetAsync(url + "/history")).Json();
        history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(["submitted", "revised"]);
    }

    [Fact]
    public async Task StaleIfMatch_Is412AndChangesNothing()
    {
        var url = Figure("re-referrals", "2021-06");
        var first = await service.Admin.Put(url, new { numerator = 30, denominator = 140 });
        var etag = first.Headers.ETag!.Tag;
        (await service.Admin.Put(url, new { numerator = 31, denominator = 140 })).EnsureSuccessStatusCode();

        using var stale = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { numerator = 99, denominator = 140 }) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await service.Admin.SendAsync(stale);

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var series = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/re-referrals/figures?from=2021-06&to=2021-06")).Json();
        series.GetProperty("figures")[0].GetProperty("numerator").GetDouble().ShouldBe(31);
    }

    [Fact]
    public async Task ConcurrentPutsWithTheSameIfMatch_ExactlyOneSucceedsTheRestAre412()
    {
        var url = Figure("cp-seen-10-wd", "2021-09");
        var etag = (await service.Admin.Put(url, new { numerator = 400, denominator = 440 })).Headers.ETag!.Tag;

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { numerator = 401 + i, denominator = 440 }) };
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            return (await service.Admin.SendAsync(request)).StatusCode;
        })));

        responses.Count(s => s == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(s => s == HttpStatusCode.PreconditionFailed).ShouldBe(15);
        var history = await (await service.Admin.GetAsync(url + "/history")).Json();
        history.GetProperty("events").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task BadFigure_NamesEveryProblemAtOnce()
    {
        var response = await service.Admin.Put("/api/v1/authorities/999/measures/no-such-measure/figures/2099-01", new { numerator = -1, denominator = 5 });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Json()).Errors();
        errors.ShouldContain(e => e.StartsWith("authority:"));
        errors.ShouldContain(e => e.StartsWith("measure:"));
        errors.ShouldContain(e => e.StartsWith("period:") && e.Contains("future"));
    }

    [Theory]
    [InlineData("re-referrals", 50, 40, "numerator")]       // numerator above denominator
    [InlineData("re-referrals", -3, 40, "numerator")]       // negative
    [InlineData("referrals", 5, 9, "numerator")]            // a count takes a value, not parts
    public async Task ImpossibleNumbers_AreRejected(string measure, double numerator, double denominator, string field)
    {
        var response = await service.Admin.Put(Figure(measure, "2021-05"), new { numerator, denominator });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Json()).Errors().ShouldContain(e => e.StartsWith(field + ":"));
    }

    [Fact]
    public async Task PercentageAbove100_IsRejected()
    {
        var response = await service.Admin.Put(Figure("re-referrals", "2021-05"), new { value = 101.5 });
        (await response.Json()).Errors().ShouldContain(e => e.StartsWith("value:") && e.Contains("0–100"));
    }

    [Fact]
    public async Task Withdraw_IsAnEventAndTheFigureLeavesTheSeries()
    {
        var url = Figure("cin-seen-20-wd", "2021-08");
        (await service.Admin.Put(url, new { numerator = 900, denominator = 1000 })).EnsureSuccessStatusCode();
        (await service.Admin.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var series = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/cin-seen-20-wd/figures")).Json();
        series.GetProperty("figures").GetArrayLength().ShouldBe(0);
        var history = await (await service.Admin.GetAsync(url + "/history")).Json();
        history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(["submitted", "withdrawn"]);
    }

    [Fact]
    public async Task AsAtBeforeARevision_ReturnsTheOldValue()
    {
        var url = Figure("icpc-within-15-wd", "2021-09");
        (await service.Admin.Put(url, new { numerator = 25, denominator = 43 })).EnsureSuccessStatusCode();
        await Task.Delay(50);
        var boardMeeting = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        (await service.Admin.Put(url, new { numerator = 28, denominator = 43 })).EnsureSuccessStatusCode();

        var then = await (await service.Admin.GetAsync($"/api/v1/authorities/916/measures/icpc-within-15-wd/figures?asAt={Uri.EscapeDataString(boardMeeting.ToString("O"))}")).Json();
        var now = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/icpc-within-15-wd/figures")).Json();

        then.GetProperty("figures")[0].GetProperty("numerator").GetDouble().ShouldBe(25);
        then.GetProperty("figures")[0].GetProperty("revision").GetInt32().ShouldBe(1);
        now.GetProperty("figures")[0].GetProperty("numerator").GetDouble().ShouldBe(28);
        now.GetProperty("figures")[0].GetProperty("firstReportedValue").GetDouble().ShouldBe(25.0 / 43 * 100, 1e-9);
    }

    [Fact]
    public async Task RatePer10k_TakesTheCountAndTheAuthoritysPopulation()
    {
        var body = await (await service.Admin.Put(Figure("children-in-care-rate", "2021-09", "841"), new { numerator = 266 })).Json();
        body.GetProperty("denominator").GetDouble().ShouldBeGreaterThan(20_000);
        body.GetProperty("value").GetDouble().ShouldBe(266 / body.GetProperty("denominator").GetDouble() * 10_000, 1e-9);
    }
}
