using KpiService.Domain.Figures;

namespace KpiService.Domain.Tests.Figures;

/// <summary>The key builds its stream id once; the cached id must never make two equal keys differ or survive a `with`.</summary>
public sealed class FigureKeyTests
{
    [Fact]
    public void StreamId_NamesAuthorityMeasurePeriodAndBreakdown()
    {
        new FigureKey(916, "re-referrals", Period.Month(2021, 9)).StreamId.ShouldBe("figure:916:re-referrals:2021-09");
        new FigureKey(916, "re-referrals", Period.Month(2021, 9), new Breakdown("locality", "Cotswolds")).StreamId
            .ShouldBe("figure:916:re-referrals:2021-09:locality:Cotswolds");
    }

    [Fact]
    public void Equality_IgnoresWhetherTheStreamIdWasBuilt()
    {
        var asked = new FigureKey(916, "re-referrals", Period.Month(2021, 9));
        _ = asked.StreamId;
        var fresh = new FigureKey(916, "re-referrals", Period.Month(2021, 9));

        asked.ShouldBe(fresh);
        asked.GetHashCode().ShouldBe(fresh.GetHashCode());
        new HashSet<FigureKey> { asked }.Contains(fresh).ShouldBeTrue();
        asked.ShouldNotBe(fresh with { Breakdown = new Breakdown("team", "Assessment") });
    }

    [Fact]
    public void With_BuildsTheStreamIdOfTheNewKey()
    {
        var key = new FigureKey(916, "re-referrals", Period.Month(2021, 9));
        _ = key.StreamId;

        (key with { Period = Period.Month(2021, 10) }).StreamId.ShouldBe("figure:916:re-referrals:2021-10");
        (key with { LaNumber = 301 }).StreamId.ShouldBe("figure:301:re-referrals:2021-09");
    }
}
