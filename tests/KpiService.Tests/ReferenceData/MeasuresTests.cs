using System.Net;

namespace KpiService.Tests.ReferenceData;

public sealed class MeasuresTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    /// <summary>
    /// Issue 15: every children's social care measure of LAIT's dictionary is in the catalogue at first start, with its
    /// LAIT code, LAIT's polarity and its units per 1,000 / 10,000 / 100,000 — so a user finds it rather than defining it again.
    /// </summary>
    [Fact]
    public async Task Catalogue_HoldsEveryLaitChildrensSocialCareMeasure_WithItsLaitCodeAndPolarity()
    {
        var measures = (await (await service.Admin.GetAsync("/api/v1/measures")).Json()).EnumerateArray().ToList();
        using var dictionary = new StreamReader(Path.Combine(AppContext.BaseDirectory, "ReferenceData", "lait-measure-dictionary-csc.csv"));
        var file = KpiService.Domain.Benchmarks.LaitDictionary.Read(dictionary).ToList();
        file.Count.ShouldBe(156);

        var byLaitCode = measures.Where(m => m.TryGetProperty("laitCode", out _)).ToLookup(m => m.GetProperty("laitCode").GetString());
        foreach (var entry in file)
        {
            byLaitCode[entry.Code].Count().ShouldBe(1, $"LAIT {entry.Code} should be exactly one measure");
            var measure = byLaitCode[entry.Code].Single();
            measure.GetProperty("polarity").GetString().ShouldBe(entry.Polarity switch { "High" => "higher", "Low" => "lower", _ => "neutral" }, entry.Code);
            var unit = measure.GetProperty("unit").GetString();
            if ($"{entry.Title} {entry.YAxis}".Contains("per 10,000")) unit.ShouldBe("ratePer10k", entry.Code);
        }
        var reReferrals = measures.Single(m => m.GetProperty("id").GetString() == "re-referrals");
        (reReferrals.GetProperty("code").GetString(), reReferrals.GetProperty("laitCode").GetString()).ShouldBe(("ReReferral", "ReReferral"));
        // An existing measure linked to LAIT keeps the council's own code beside its LAIT code.
        var entering = measures.Single(m => m.GetProperty("id").GetString() == "children-entering-care");
        (entering.GetProperty("code").GetString(), entering.GetProperty("laitCode").GetString()).ShouldBe(("CSC 209", "LACnum_Start"));
    }

    [Fact]
    public async Task DefiningAMeasureWithALaitCodeTheCatalogueHas_IsRefused_SoNoDuplicateIsMade()
    {
        var duplicate = await service.Admin.Put("/api/v1/measures/my-re-referrals", new
        {
            title = "Re-referrals", area = "Front door", unit = "percentage", polarity = "lower", decimalPlaces = 1, aggregation = "ratio", laitCode = "ReReferral",
        });
        duplicate.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await duplicate.Json()).Errors().ShouldContain(e => e.Contains("re-referrals"));
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
