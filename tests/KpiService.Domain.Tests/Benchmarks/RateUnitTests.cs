namespace KpiService.Domain.Tests.Benchmarks;

/// <summary>Rates per 1,000 and per 100,000 beside DfE's usual per 10,000 (public-health and youth-justice figures use them).</summary>
public sealed class RateUnitTests
{
    [Theory]
    [InlineData(Unit.RatePer1k, 1_000.0)]
    [InlineData(Unit.RatePer10k, 10_000.0)]
    [InlineData(Unit.RatePer100k, 100_000.0)]
    public void Rate_ScalesTheCountOverThePopulation(Unit unit, double per)
    {
        // Gloucestershire-sized: 830 children in care of about 128,500 children aged 0–17.
        MeasureValue.FromParts(unit, 830, 128_500)!.Value.ShouldBe(830 / 128_500.0 * per, 1e-9);
        unit.IsPopulationRate().ShouldBeTrue();
        Units.RateBase(unit).ShouldBe(per);
    }

    [Theory]
    [InlineData(Unit.Percentage, 200.0 / 934 * 100)]
    [InlineData(Unit.Average, 200.0 / 934)]
    [InlineData(Unit.Count, 200.0)]
    public void OtherUnits_AreUnchanged(Unit unit, double expected)
    {
        MeasureValue.FromParts(unit, 200, 934)!.Value.ShouldBe(expected, 1e-9);
        unit.IsPopulationRate().ShouldBeFalse();
        Units.RateBase(unit).ShouldBe(0);
    }

    [Fact]
    public void ZeroPopulation_GivesNoRate() => MeasureValue.FromParts(Unit.RatePer100k, 3, 0).ShouldBeNull();
}
