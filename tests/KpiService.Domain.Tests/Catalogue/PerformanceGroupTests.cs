using KpiService.Domain.Catalogue;
using static KpiService.Domain.Tests.Catalogue.CatalogueFixtures;

namespace KpiService.Domain.Tests.Catalogue;

public sealed class PerformanceGroupTests
{
    [Fact]
    public void GloucestershireBandsStabilityAgainstItsTarget_ItsRatingsFollowWhileOthersKeepTheDefault()
    {
        // seeds/000: 66.0% long-term stability is printed as performance group 2, where the default 90/80 levels
        // give 3 (see GloucestershireDashboardTests). Bands chosen so 66.0% falls in group 2 as the report prints.
        var state = Apply(AuthorityCatalogue.Empty(Gloucestershire),
            new SetPerformanceGroups("cic-long-term-stability", [new(1, 70), new(2, 65), new(3, null)]));

        var own = AuthorityView.Of(National.Values, state).Find("cic-long-term-stability")!;
        PerformanceGroups.Of(own, 66.0).ShouldBe(2);
        PerformanceGroups.Of(own, 64.9).ShouldBe(3);
        PerformanceGroups.Of(AuthorityView.Of(National.Values, AuthorityCatalogue.Empty(Darlington)).Find("cic-long-term-stability")!, 66.0).ShouldBe(3);

        var reset = Apply(state, new SetPerformanceGroups("cic-long-term-stability", null));
        PerformanceGroups.Of(AuthorityView.Of(National.Values, reset).Find("cic-long-term-stability")!, 66.0).ShouldBe(3);
    }

    public static TheoryData<string, string, PerformanceGroupBand[], string?> Tables => new()
    {
        { "higher, best first", "cic-long-term-stability", [new(1, 90), new(2, 80), new(3, null)], null },
        { "lower, best first", "re-referrals", [new(1, 18), new(2, 22), new(3, null)], null },
        { "higher, listed worst first", "cic-long-term-stability", [new(1, 80), new(2, 90), new(3, null)], "performanceGroups[1]" },
        { "lower, thresholds falling", "re-referrals", [new(1, 22), new(2, 18), new(3, null)], "performanceGroups[1]" },
        { "the same threshold twice", "cic-long-term-stability", [new(1, 90), new(2, 90), new(3, null)], "performanceGroups[1]" },
        { "a last band with a threshold", "cic-long-term-stability", [new(1, 90), new(2, 80)], "performanceGroups[1]" },
        { "a middle band without one", "cic-long-term-stability", [new(1, 90), new(2, null), new(3, null)], "performanceGroups[1]" },
        { "groups numbered downwards", "cic-long-term-stability", [new(3, 90), new(2, 80), new(1, null)], "performanceGroups[1]" },
        { "one band", "cic-long-term-stability", [new(1, null)], "performanceGroups" },
        { "a percentage above 100", "cic-long-term-stability", [new(1, 120), new(2, null)], "performanceGroups[0]" },
        { "a neutral measure", "children-entering-care", [new(1, 20), new(2, null)], "performanceGroups" },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void BandTable_MustRunInThePolaritysDirection(string scenario, string measure, PerformanceGroupBand[] bands, string? problemField)
    {
        var decision = CatalogueDecider.Decide(AuthorityCatalogue.Empty(Gloucestershire), new SetPerformanceGroups(measure, bands), Facts());
        if (problemField is null) decision.ShouldBeOfType<Decision<CatalogueEvent>.Accepted>(scenario).Events.ShouldHaveSingleItem();
        else decision.ShouldBeOfType<Decision<CatalogueEvent>.Rejected>(scenario).Problems.Select(p => p.Field).ShouldContain(problemField, scenario);
    }

    [Fact]
    public void SameBandsAgain_IsANoOp()
    {
        var state = Apply(AuthorityCatalogue.Empty(Gloucestershire), new SetPerformanceGroups("re-referrals", [new(1, 18), new(2, 22), new(3, null)]));
        CatalogueDecider.Decide(state, new SetPerformanceGroups("re-referrals", [new(1, 18), new(2, 22), new(3, null)]), Facts())
            .ShouldBe(Decision<CatalogueEvent>.Nothing);
    }
}
