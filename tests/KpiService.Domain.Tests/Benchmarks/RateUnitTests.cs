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

/// <summary>Every rule written for rates per 10,000 holds for rates per 1,000 and per 100,000.</summary>
public sealed class PopulationRateRuleTests
{
    private static Measure Rate(Unit unit) => new("youth-first-time-entrants", null, "First-time entrants to the youth justice system", "", "Youth justice", unit, Polarity.Lower, 1, Aggregation.Flow);

    [Theory]
    [InlineData(Unit.RatePer1k, 1_000.0)]
    [InlineData(Unit.RatePer100k, 100_000.0)]
    public void ASubmittedCount_IsOverThePopulation_WhenNoDenominatorIsSent(Unit unit, double per)
    {
        var (figure, problems) = Domain.Figures.FigureInput.Resolve(Rate(unit), null, 27, null, population: 128_500);

        problems.ShouldBeEmpty();
        (figure!.Numerator, figure.Denominator).ShouldBe((27, 128_500));
        figure.Value.ShouldBe(27 / 128_500.0 * per, 1e-9);
    }

    [Fact]
    public void WithoutAPopulation_TheDenominatorIsAsked()
    {
        var (_, problems) = Domain.Figures.FigureInput.Resolve(Rate(Unit.RatePer100k), null, 27, null, population: null);
        problems.Single().Field.ShouldBe("denominator");
    }

    [Theory]
    [InlineData(Unit.RatePer1k, 1_000.0)]
    [InlineData(Unit.RatePer100k, 100_000.0)]
    public void YearToDate_SumsCountsOverTheLatestPopulation_NeverASumOfPopulations(Unit unit, double per)
    {
        var population = 22_530.0;
        var series = new[] { 3.0, 2, 4 }.Select((count, i) => (Period.Month(2021, 4 + i), new MeasureValue(count / population * per, count, population)))
            .ToDictionary(x => x.Item1, x => x.Item2);

        var ytd = Aggregates.YearToDate(Rate(unit), series, Period.Month(2021, 6));

        ytd.Value!.Value.ShouldBe(9 / population * per, 1e-9);
        ytd.Denominator.ShouldBe(population);
    }
}
