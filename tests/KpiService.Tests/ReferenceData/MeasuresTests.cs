using System.Net;

namespace KpiService.Tests.ReferenceData;

public sealed class MeasuresTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Catalogue_HoldsTheSeventeenLaitKeyMeasuresWithTheirCodesAndPolarity()
    {
        var measures = (await (await service.Admin.GetAsync("/api/v1/measures")).Json()).EnumerateArray().ToList();
        var laitCodes = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "ReferenceData", "lait-key-csc-kpis-2016-2025.csv")).Skip(1)
            .Select(l => l.StartsWith('"') ? l[1..l.IndexOf('"', 1)] : l[..l.IndexOf(',')]).Distinct().ToList();

        laitCodes.Count.ShouldBe(17);
        var codes = measures.Where(m => m.TryGetProperty("code", out _)).Select(m => m.GetProperty("code").GetString()).ToList();
        foreach (var code in laitCodes) codes.ShouldContain(code, $"no measure for LAIT {code}");
        var reReferrals = measures.Single(m => m.GetProperty("id").GetString() == "re-referrals");
        reReferrals.GetProperty("code").GetString().ShouldBe("ReReferral");
        reReferrals.GetProperty("polarity").GetString().ShouldBe("lower");
        reReferrals.GetProperty("unit").GetString().ShouldBe("percentage");
        measures.Count.ShouldBeGreaterThanOrEqualTo(50);
    }

    [Fact]
    public async Task DefineMeasure_CreatesThenRevisesAndValidatesEveryField()
    {
        var body = new { title = "Children seen within 5 days", area = "Front door", unit = "percentage", polarity = "higher", decimalPlaces = 1, aggregation = "ratio" };
        (await service.Admin.Put("/api/v1/measures/children-seen-5-days", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await service.Admin.Put("/api/v1/measures/children-seen-5-days", body with { title = "Children seen within 5 working days" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await service.Admin.GetAsync("/api/v1/measures/children-seen-5-days")).Json()).GetProperty("title").GetString().ShouldBe("Children seen within 5 working days");

        var bad = await service.Admin.Put("/api/v1/measures/Bad Id", new { area = "", unit = "percentage", polarity = "higher", decimalPlaces = 9, aggregation = "ratio" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Json()).Errors();
        errors.ShouldContain(e => e.StartsWith("id:"));
        errors.ShouldContain(e => e.StartsWith("title:"));
        errors.ShouldContain(e => e.StartsWith("area:"));
        errors.ShouldContain(e => e.StartsWith("decimalPlaces:"));
    }
}
