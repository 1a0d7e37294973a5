using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;

namespace KpiService.Tests.Dashboard;

/// <summary>
/// Each chart kind served as its own SVG document: well-formed, an accessible image whose title and description state
/// the data in words, no script, cacheable by ETag; a bad kind, a missing figure or an unacceptable type is refused.
/// </summary>
[Collection(GloucestershireCollection.Name)]
public sealed class DashboardChartTests(GloucestershireFixture glos)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private string ChartUrl(string kind, string? measure = null) => $"/api/v1/authorities/916/measures/{measure ?? glos.Ids[0]}/charts/{kind}/2021-09";

    [Theory]
    [InlineData("trend", "Trend: % of Initial contact decisions made within 24 hours", "Sep-21: 80.1%, Red")]
    [InlineData("spc", "Statistical process control chart: % of Initial contact decisions made within 24 hours", "Mean ")]
    [InlineData("sparkline", "Trend from Sep-20 92.7% to Sep-21 80.1%", "Aug-21 81.1%")]
    public async Task SeriesChart_IsAnAccessibleSvgOfTheMeasure(string kind, string title, string inDescription)
    {
        var response = await glos.Admin.GetAsync(ChartUrl(kind));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        response.Headers.ETag.ShouldNotBeNull();
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'none'");
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        svg.Name.ShouldBe(Svg + "svg");
        svg.Attribute("role")!.Value.ShouldBe("img");
        svg.Element(Svg + "title")!.Value.ShouldBe(title);
        svg.Element(Svg + "desc")!.Value.ShouldContain(inDescription);
        svg.Descendants(Svg + "script").ShouldBeEmpty();
    }

    [Fact]
    public async Task ComparisonChart_SetsTheAuthorityBesideItsNeighboursRegionAndEngland()
    {
        var response = await glos.Admin.GetAsync("/api/v1/authorities/916/measures/re-referrals/charts/comparison/2020-21?model=2021");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        svg.Element(Svg + "title")!.Value.ShouldStartWith("Comparison: ");
        var description = svg.Element(Svg + "desc")!.Value;
        description.ShouldContain("Gloucestershire (this authority)");
        description.ShouldContain("(national)");
        description.ShouldContain("Statistical neighbours (average of");
    }

    [Fact]
    public async Task Chart_AnswersNotModifiedToItsETag()
    {
        var first = await glos.Admin.GetAsync(ChartUrl("trend"));
        var request = new HttpRequestMessage(HttpMethod.Get, ChartUrl("trend"));
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var again = await glos.Admin.SendAsync(request);

        again.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await again.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task BadChartRequests_AreRefusedAndNamed()
    {
        var pie = await glos.Admin.GetAsync(ChartUrl("pie"));
        pie.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await pie.Json()).Errors().ShouldContain(e => e.StartsWith("kind:"));
        // A council's own measure has no published peers to compare with; a period without figures has no trend.
        (await glos.Admin.GetAsync(ChartUrl("comparison"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await glos.Admin.GetAsync($"/api/v1/authorities/916/measures/{glos.Ids[0]}/charts/trend/2019-09")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var json = new HttpRequestMessage(HttpMethod.Get, ChartUrl("trend"));
        json.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        (await glos.Admin.SendAsync(json)).StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
    }
}
