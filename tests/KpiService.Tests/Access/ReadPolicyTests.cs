using System.Net;
using System.Text.Json;

namespace KpiService.Tests.Access;

/// <summary>
/// Another authority's in-year value is its unpublished management information: a council sees it in leagues and
/// comparisons only as part of aggregates, unless a data-sharing agreement covers both.
/// </summary>
public sealed class ReadPolicyTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string League = "/api/v1/measures/re-referrals/league/2021-09";

    [Fact]
    public async Task OthersInYearValues_AreAggregatesOnly_UntilADataSharingAgreementCoversThem()
    {
        // Gloucestershire (916) and two neighbours submit September; a Gloucestershire reader looks.
        foreach (var (la, numerator) in new[] { ("916", 207), ("885", 150), ("881", 300) })
            (await service.Admin.Put($"/api/v1/authorities/{la}/measures/re-referrals/figures/2021-09", new { numerator, denominator = 1000 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/comparator-groups/policy-club", new { name = "Club", members = new[] { "916", "885", "881" }, owner = "916" })).EnsureSuccessStatusCode();
        var reader = await service.ClientWith(["read"], "916");

        var league = await (await reader.GetAsync(League)).Json();
        Listed(league).ShouldBe([916]);
        league.GetProperty("of").GetInt32().ShouldBe(3);
        league.GetProperty("withheld").GetInt32().ShouldBe(2);
        league.GetProperty("withheldBecause").GetString()!.ShouldContain("aggregates");

        var group = await GroupAsync(reader);
        group.GetProperty("average").GetDouble().ShouldBe((20.7 + 15 + 30) / 3, 0.01); // the mean still counts them
        Member(group, 885).GetProperty("withheld").GetBoolean().ShouldBeTrue();
        Member(group, 885).TryGetProperty("value", out _).ShouldBeFalse();

        (await service.Admin.Put("/api/v1/data-sharing-agreements/glos-worcs", new { name = "Severn benchmarking club", members = new[] { "916", "885" } })).StatusCode.ShouldBe(HttpStatusCode.Created);
        Listed(await (await reader.GetAsync(League)).Json()).ShouldBe([885, 916], ignoreOrder: true);
        Member(await GroupAsync(reader), 885).GetProperty("value").GetDouble().ShouldBe(15, 0.001);
        Member(await GroupAsync(reader), 881).GetProperty("withheld").GetBoolean().ShouldBeTrue();
        var agreements = await (await reader.GetAsync("/api/v1/data-sharing-agreements")).Json();
        agreements.GetProperty("agreements").GetArrayLength().ShouldBe(1);

        (await service.Admin.DeleteAsync("/api/v1/data-sharing-agreements/glos-worcs?reason=club%20ended")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Listed(await (await reader.GetAsync(League)).Json()).ShouldBe([916]);

        // Every authority's reader (and the operator) sees all of them.
        var everywhere = await service.ClientWith(["read"], "*");
        Listed(await (await everywhere.GetAsync(League)).Json()).Count.ShouldBe(3);
    }

    [Fact]
    public async Task AnAgreement_ReadsBackWhereItsLocationPoints_ForTheAuthoritiesItCovers()
    {
        var saved = await service.Admin.Put("/api/v1/data-sharing-agreements/severn-read", new { name = "Severn reading club", members = new[] { "916", "885" } });
        saved.StatusCode.ShouldBe(HttpStatusCode.Created);
        var location = saved.Headers.Location!.OriginalString;
        location.ShouldBe("/api/v1/data-sharing-agreements/severn-read");

        // A Gloucestershire reader is covered by it: the agreement, with the ETag the write answered.
        var gloucestershire = await service.ClientWith(["read"], "916");
        var read = await gloucestershire.GetAsync(location);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.Headers.ETag!.Tag.ShouldBe(saved.Headers.ETag!.Tag);
        var agreement = await read.Json();
        agreement.GetProperty("name").GetString().ShouldBe("Severn reading club");
        agreement.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("laNumber").GetInt32()).ShouldBe([885, 916], ignoreOrder: true);

        // Darlington's reader is not: as in the list, it does not exist for them. Nor for anyone once it has ended.
        (await (await service.ClientWith(["read"], "841")).GetAsync(location)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await service.Admin.DeleteAsync(location + "?reason=club%20ended")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await gloucestershire.GetAsync(location)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<JsonElement> GroupAsync(HttpClient reader) =>
        (await (await reader.GetAsync("/api/v1/measures/re-referrals/comparison/2021-09?authority=916&group=policy-club")).Json())
            .GetProperty("groups")[0];

    private static JsonElement Member(JsonElement group, int laNumber) =>
        group.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("laNumber").GetInt32() == laNumber);

    private static List<int> Listed(JsonElement league) =>
        [.. league.GetProperty("authorities").EnumerateArray().Select(a => a.GetProperty("laNumber").GetInt32())];
}
