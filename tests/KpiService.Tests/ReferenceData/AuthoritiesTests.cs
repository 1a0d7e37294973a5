using System.Net;

namespace KpiService.Tests.ReferenceData;

public sealed class AuthoritiesTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly string SharedData = Path.Combine(AppContext.BaseDirectory, "ReferenceData");

    [Fact]
    public async Task ListAuthorities_Gives153WithBothCodesAndARegion()
    {
        var authorities = (await (await service.Admin.GetAsync("/api/v1/authorities")).Json()).EnumerateArray().ToList();

        authorities.Count.ShouldBe(153);
        authorities.ShouldAllBe(a => a.GetProperty("code").GetString()!.StartsWith('E') && a.GetProperty("laNumber").GetInt32() > 0);
        authorities.Select(a => a.GetProperty("region").GetProperty("code").GetString()).Distinct().Count().ShouldBe(9);
    }

    [Fact]
    public async Task GetAuthority_ByLaNumberEqualsByGssCode()
    {
        var byNumber = await (await service.Admin.GetAsync("/api/v1/authorities/916")).Content.ReadAsStringAsync();
        var byCode = await (await service.Admin.GetAsync("/api/v1/authorities/E10000013")).Content.ReadAsStringAsync();

        byNumber.ShouldBe(byCode);
        byNumber.ShouldContain("\"name\":\"Gloucestershire\"");
        byNumber.ShouldContain("\"code\":\"E12000009\""); // South West, corrected from the lookup's E12000003
    }

    [Fact]
    public async Task UnknownAuthority_Is404ProblemNamingIt()
    {
        var response = await service.Admin.GetAsync("/api/v1/authorities/E99999999");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Json()).GetProperty("detail").GetString()!.ShouldContain("E99999999");
    }

    [Theory]
    [InlineData(2025)]
    [InlineData(2021)]
    public async Task Neighbours_EqualTheSharedDataFileForTheModel(int model)
    {
        var expected = File.ReadLines(Path.Combine(SharedData, $"statistical-neighbours-{model}.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[0] == "916").OrderBy(f => int.Parse(f[2]))
            .Select(f => (int.Parse(f[2]), int.Parse(f[3]), f[5])).ToList();

        var body = await (await service.Admin.GetAsync($"/api/v1/authorities/E10000013/neighbours?model={model}")).Json();

        body.GetProperty("model").GetInt32().ShouldBe(model);
        body.GetProperty("neighbours").EnumerateArray()
            .Select(n => (n.GetProperty("rank").GetInt32(), n.GetProperty("laNumber").GetInt32(), n.GetProperty("closeness").GetString()!))
            .ToList().ShouldBe(expected);
        expected.Count.ShouldBe(10);
    }

    [Fact]
    public async Task Neighbours_DefaultIs2025AndDiffersFrom2021ForGloucestershire()
    {
        var latest = await (await service.Admin.GetAsync("/api/v1/authorities/916/neighbours")).Json();
        var earlier = await (await service.Admin.GetAsync("/api/v1/authorities/916/neighbours?model=2021")).Json();
        latest.GetProperty("model").GetInt32().ShouldBe(2025);
        Codes(latest).ShouldNotBe(Codes(earlier));

        static List<int> Codes(System.Text.Json.JsonElement body) => [.. body.GetProperty("neighbours").EnumerateArray().Select(n => n.GetProperty("laNumber").GetInt32())];
    }

    [Fact]
    public async Task SetPopulation_ReplacesTheDenominatorOfRates()
    {
        var response = await service.Admin.Put("/api/v1/authorities/916/population/2021", new { aged0To17 = 130_000 });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var figure = await service.Admin.Put("/api/v1/authorities/916/measures/section-47-rate/figures/2021-09", new { numerator = 130 });
        var body = await figure.Json();
        body.GetProperty("denominator").GetDouble().ShouldBe(130_000);
        body.GetProperty("value").GetDouble().ShouldBe(10.0, 1e-9);
    }
}
