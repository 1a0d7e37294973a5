using System.Net;
using System.Net.Http.Json;

namespace KpiService.Tests.Breakdowns;

public sealed class BreakdownTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly string[] Localities = ["Cheltenham", "Cotswolds", "Forest of Dean", "Gloucester", "Stroud", "Tewkesbury"];

    private async Task DeclareAsync() =>
        (await service.Admin.Put("/api/v1/authorities/916/dimensions/locality", new { values = Localities })).EnsureSuccessStatusCode();

    private static object[] LocalityFigures(string period, params (int Numerator, int Denominator)[] parts) =>
        [.. parts.Select((p, i) => new { measure = "initial-visits-in-timescale", period, breakdown = $"locality:{Localities[i]}", numerator = p.Numerator, denominator = p.Denominator })];

    [Fact]
    public async Task LocalityReturn_YieldsTheComputedAuthorityTotalAndYearToDate()
    {
        await DeclareAsync();
        var august = LocalityFigures("2021-08", (50, 70), (30, 40), (40, 60), (70, 100), (45, 60), (25, 30));
        var september = LocalityFigures("2021-09", (52, 100), (33, 42), (44, 70), (79, 100), (50, 66), (28, 36));
        (await service.Admin.PostAsJsonAsync("/api/v1/authorities/916/returns", new { figures = august.Concat(september) })).EnsureSuccessStatusCode();

        var rating = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/initial-visits-in-timescale/ratings/2021-09")).Json();

        rating.GetProperty("source").GetString().ShouldBe("rolledUp");
        rating.GetProperty("rolledUpFrom").GetString().ShouldBe("locality");
        rating.GetProperty("numerator").GetDouble().ShouldBe(52 + 33 + 44 + 79 + 50 + 28);
        rating.GetProperty("denominator").GetDouble().ShouldBe(100 + 42 + 70 + 100 + 66 + 36);
        rating.GetProperty("changeSincePrevious").GetDouble().ShouldBe(286.0 / 414 * 100 - 260.0 / 360 * 100, 1e-9);
        rating.GetProperty("yearToDate").GetProperty("notComputedBecause").GetString()!.ShouldContain("2021-04");
    }

    [Fact]
    public async Task SubmittedTotalThatDisagreesWithItsLocalities_CarriesAWarning()
    {
        await DeclareAsync();
        var figures = LocalityFigures("2021-07", (10, 20), (10, 20), (10, 20), (10, 20), (10, 20), (10, 20))
            .Append(new { measure = "initial-visits-in-timescale", period = "2021-07", numerator = 70, denominator = 120 });
        (await service.Admin.PostAsJsonAsync("/api/v1/authorities/916/returns", new { figures })).EnsureSuccessStatusCode();

        var rating = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/initial-visits-in-timescale/ratings/2021-07")).Json();

        rating.GetProperty("source").GetString().ShouldBe("submitted");
        rating.GetProperty("value").GetDouble().ShouldBe(70.0 / 120 * 100, 1e-9); // nothing is silently overwritten
        rating.GetProperty("warnings")[0].GetString()!.ShouldContain("differs from the sum of its 6 locality figures");
    }

    [Fact]
    public async Task UndeclaredLocality_IsRejectedNamingIt()
    {
        await DeclareAsync();
        var response = await service.Admin.Put("/api/v1/authorities/916/measures/initial-visits-in-timescale/figures/2021-09?breakdown=locality:Narnia", new { numerator = 5, denominator = 10 });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Json()).Errors().ShouldContain(e => e.StartsWith("breakdown:") && e.Contains("Narnia"));
        var undeclared = await service.Admin.Put("/api/v1/authorities/916/measures/initial-visits-in-timescale/figures/2021-09?breakdown=team:Assessment", new { numerator = 5, denominator = 10 });
        (await undeclared.Json()).Errors().ShouldContain(e => e.Contains("has not declared the dimension 'team'"));
    }

    [Fact]
    public async Task LocalityRanking_FollowsPolarity()
    {
        await DeclareAsync();
        (await service.Admin.PostAsJsonAsync("/api/v1/authorities/916/returns", new
        {
            figures = LocalityFigures("2021-06", (61, 100), (79, 100), (52, 100), (70, 100), (66, 100), (75, 100)),
        })).EnsureSuccessStatusCode();

        var ranking = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/initial-visits-in-timescale/ratings/2021-06/breakdowns?dimension=locality")).Json();

        var rows = ranking.GetProperty("breakdowns").EnumerateArray().Select(b => (b.GetProperty("value").GetString(), b.GetProperty("rank").GetInt32())).ToList();
        rows.First().ShouldBe(("Cotswolds", 1));   // 79 %: higher is better
        rows.Last().ShouldBe(("Forest of Dean", 6)); // 52 %
    }

    [Fact]
    public async Task BreakdownWithItsOwnTarget_IsRatedByIt()
    {
        await DeclareAsync();
        (await service.Admin.Put("/api/v1/authorities/916/measures/initial-visits-in-timescale/targets/2021-04", new { target = 85, tolerance = 5 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/initial-visits-in-timescale/targets/2021-04?breakdown=locality:Cotswolds", new { target = 70, tolerance = 5 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/initial-visits-in-timescale/figures/2021-05?breakdown=locality:Cotswolds", new { numerator = 72, denominator = 100 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/initial-visits-in-timescale/figures/2021-05?breakdown=locality:Stroud", new { numerator = 72, denominator = 100 })).EnsureSuccessStatusCode();

        var cotswolds = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/initial-visits-in-timescale/ratings/2021-05?breakdown=locality:Cotswolds")).Json();
        var stroud = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/initial-visits-in-timescale/ratings/2021-05?breakdown=locality:Stroud")).Json();
        cotswolds.GetProperty("status").GetString().ShouldBe("green");
        stroud.GetProperty("status").GetString().ShouldBe("red"); // the authority's 85 applies
    }
}
