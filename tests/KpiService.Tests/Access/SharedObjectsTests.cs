using System.Net;
using System.Net.Http.Json;

namespace KpiService.Tests.Access;

/// <summary>Comparator groups feed other authorities' benchmark targets, so each has an owner and only its owner changes it.</summary>
public sealed class SharedObjectsTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task AGroupKeptByOneCouncil_CannotBeChangedByAnother_AndNothingIsStored()
    {
        var gloucestershire = await service.ClientWith(["targets", "read"], "916");
        var darlington = await service.ClientWith(["targets"], "841");
        var created = await gloucestershire.Put("/api/v1/comparator-groups/glos-club", new { name = "Glos club", members = new[] { "916", "885", "881" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await created.Json()).GetProperty("owner").GetProperty("laNumber").GetInt32().ShouldBe(916);

        var hijack = await darlington.Put("/api/v1/comparator-groups/glos-club", new { name = "Glos club", members = new[] { "841" } });
        hijack.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await hijack.Json()).GetProperty("detail").GetString()!.ShouldContain("Gloucestershire");
        var stored = await (await service.Admin.GetAsync("/api/v1/comparator-groups/glos-club")).Json();
        stored.GetProperty("members").GetArrayLength().ShouldBe(3);
        stored.GetProperty("owner").GetProperty("laNumber").GetInt32().ShouldBe(916);
    }

    [Fact]
    public async Task OperatorGroups_NeedAdmin_AndATargetMayNotAverageOverAnotherCouncilsGroup()
    {
        (await service.Admin.Put("/api/v1/comparator-groups/sw-operator", new { name = "South West", members = new[] { "916", "803" } })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var gloucestershire = await service.ClientWith(["targets"], "916");
        (await gloucestershire.Put("/api/v1/comparator-groups/sw-operator", new { name = "Mine now", members = new[] { "916" } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await gloucestershire.Put("/api/v1/comparator-groups/glos-own", new { name = "Glos own", members = new[] { "916", "803" } })).EnsureSuccessStatusCode();
        var darlington = await service.ClientWith(["targets"], "841");
        var borrowed = await darlington.Put("/api/v1/authorities/841/measures/re-referrals/targets/2021-04", new { benchmark = new { group = "glos-own", margin = 1 } });
        borrowed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await borrowed.Json()).Errors().ShouldContain(e => e.StartsWith("benchmark.group", StringComparison.Ordinal) && e.Contains("Gloucestershire"));
        (await darlington.Put("/api/v1/authorities/841/measures/re-referrals/targets/2021-04", new { benchmark = new { group = "sw-operator", margin = 1 } })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ARatingOnABenchmarkGroup_StatesTheGroupVersionItUsed()
    {
        var gloucestershire = await service.ClientWith(["targets", "submit", "read"], "916");
        (await gloucestershire.Put("/api/v1/comparator-groups/glos-bench", new { name = "Bench", members = new[] { "916", "803" } })).EnsureSuccessStatusCode();
        (await gloucestershire.Put("/api/v1/authorities/916/measures/re-referrals/targets/2021-04", new { benchmark = new { group = "glos-bench", margin = 1 } })).EnsureSuccessStatusCode();
        (await gloucestershire.Put("/api/v1/authorities/916/measures/re-referrals/figures/2021-09", new { numerator = 207, denominator = 967 })).EnsureSuccessStatusCode();

        async Task<long> VersionUsedAsync() => (await (await gloucestershire.GetAsync("/api/v1/authorities/916/measures/re-referrals/ratings/2021-09")).Json())
            .GetProperty("rule").GetProperty("benchmark").GetProperty("groupVersion").GetInt64();
        (await VersionUsedAsync()).ShouldBe(1);
        (await gloucestershire.Put("/api/v1/comparator-groups/glos-bench", new { name = "Bench", members = new[] { "916", "803", "801" } })).EnsureSuccessStatusCode();
        (await VersionUsedAsync()).ShouldBe(2);
    }
}
