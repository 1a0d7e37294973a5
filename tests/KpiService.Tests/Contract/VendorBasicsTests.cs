using System.Net;
using System.Text;

namespace KpiService.Tests.Contract;

/// <summary>
/// What a vendor expects of any API before it reads the document (issue 19, Deliver 4): one correlation id per request
/// (the W3C trace id, the caller's own when it sends traceparent) on every answer, in every problem and on the events
/// the request caused; WWW-Authenticate on 401; a single figure readable with its ETag; and a percentage of 0 of 0
/// refused naming both halves, because stored as 0 it would read as the worst month and move SPC limits.
/// </summary>
public sealed class VendorBasicsTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string Traceparent = $"00-{TraceId}-00f067aa0ba902b7-01";
    private const string Figure = "/api/v1/authorities/916/measures/cin-seen-20-wd/figures/2021-09";

    private static HttpRequestMessage Request(HttpMethod method, string url, string? json = null, string? contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, contentType!) };
        request.Headers.Add("traceparent", Traceparent);
        return request;
    }

    private static string CorrelationId(HttpResponseMessage response) => response.Headers.GetValues("X-Correlation-Id").Single();

    [Fact]
    public async Task AnIncomingTraceparent_IsTheCorrelationId_OfSuccessesAndOfEveryKindOfProblem()
    {
        var ok = await service.Admin.SendAsync(Request(HttpMethod.Get, "/api/v1/authorities/916"));
        var invalid = await service.Admin.SendAsync(Request(HttpMethod.Put, Figure, """{"numerator":0,"denominator":0}"""));
        var routing = await service.Admin.SendAsync(Request(HttpMethod.Get, "/api/v1/no-such-thing"));
        var anonymous = await service.Client(null).SendAsync(Request(HttpMethod.Get, "/api/v1/authorities"));

        foreach (var response in new[] { ok, invalid, routing, anonymous }) CorrelationId(response).ShouldBe(TraceId);
        foreach (var problem in new[] { invalid, routing, anonymous })
        {
            problem.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await problem.Json()).GetProperty("traceId").GetString().ShouldBe(TraceId);
        }
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().ShouldBe("ApiKey realm=\"KpiService\", header=\"X-Api-Key\"");
    }

    [Fact]
    public async Task WithoutTraceparent_EachRequestHasATraceIdOfItsOwn_InHeaderAndProblemAlike()
    {
        var first = await service.Admin.GetAsync("/api/v1/measures/no-such-measure");
        var second = await service.Admin.GetAsync("/api/v1/measures/no-such-measure");

        first.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        CorrelationId(first).ShouldMatch("^[0-9a-f]{32}$");
        CorrelationId(first).ShouldNotBe(CorrelationId(second));
        (await first.Json()).GetProperty("traceId").GetString().ShouldBe(CorrelationId(first));
    }

    [Fact]
    public async Task TheEventsARequestCauses_CarryItsCorrelationId()
    {
        var submitted = await service.Admin.SendAsync(Request(HttpMethod.Put, "/api/v1/authorities/916/measures/cp-seen-10-wd/figures/2021-09", """{"value":91.0}"""));
        submitted.EnsureSuccessStatusCode();

        var history = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/cp-seen-10-wd/figures/2021-09/history")).Json();
        history.GetProperty("events")[0].GetProperty("correlationId").GetString().ShouldBe(TraceId);
    }

    [Fact]
    public async Task OneFigure_IsReadBackWithTheETagItsSubmissionAnswered()
    {
        var put = await service.Admin.Put("/api/v1/authorities/916/measures/cic-visits-in-time/figures/2021-09", new { value = 93.8 });
        put.StatusCode.ShouldBe(HttpStatusCode.Created);
        put.Headers.Location!.ToString().ShouldBe("/api/v1/authorities/916/measures/cic-visits-in-time/figures/2021-09");

        var read = await service.Admin.GetAsync(put.Headers.Location.ToString());
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.Headers.ETag!.Tag.ShouldBe(put.Headers.ETag!.Tag);
        (await read.Json()).GetProperty("value").GetDouble().ShouldBe(93.8);
        (await service.Admin.GetAsync("/api/v1/authorities/916/measures/cic-visits-in-time/figures/2021-10")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ZeroOfZero_IsRefusedNamingNumeratorAndDenominator_AsAFigureOrInAReturn_AndNothingIsStored()
    {
        var figure = await service.Admin.Put(Figure, new { numerator = 0, denominator = 0 });
        var csv = await service.Admin.PostAsync("/api/v1/authorities/916/returns", new StringContent(
            "measure,period,value,numerator,denominator\ncin-seen-20-wd,2021-08,91.7,,\ncin-seen-20-wd,2021-09,,0,0\n", Encoding.UTF8, "text/csv"));

        figure.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await figure.Json()).Errors().ShouldBe(
        [
            "numerator: is 0 of 0: with no cohort there is no value (not 0); leave the period out, or mark it not applicable.",
            "denominator: is 0: a fraction needs a cohort of at least 1.",
        ], ignoreOrder: true);
        csv.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rows = (await csv.Json()).Errors();
        rows.ShouldContain(e => e.StartsWith("row 3.numerator: is 0 of 0", StringComparison.Ordinal));
        rows.ShouldContain(e => e.StartsWith("row 3.denominator: is 0", StringComparison.Ordinal));
        (await service.Admin.GetAsync(Figure)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await service.Admin.GetAsync("/api/v1/authorities/916/measures/cin-seen-20-wd/figures/2021-08")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
