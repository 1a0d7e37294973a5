namespace KpiService.Domain.Tests.Ratings;

public sealed class SpcTests
{
    private static List<(Period, double)> Series(params double[] values) =>
        [.. values.Select((v, i) => (Period.Month(2020, 1).Next.Start.AddMonths(i - 1), v)).Select(x => (Period.Month(x.Item1.Year, x.Item1.Month), x.v))];

    [Fact]
    public void Limits_AreMeanPlusMinus2Point66AverageMovingRange()
    {
        var chart = Spc.Chart(Series(10, 12, 11, 13, 12), Polarity.Higher, null)!;
        chart.Mean.ShouldBe(11.6, 1e-9);
        chart.AverageMovingRange.ShouldBe((2 + 1 + 2 + 1) / 4.0, 1e-9);
        chart.UpperProcessLimit.ShouldBe(11.6 + 2.66 * 1.5, 1e-9);
        chart.Variation.ShouldBe(Variation.CommonCause);
    }

    [Fact]
    public void PointAboveTheUpperLimit_IsSpecialCauseImprovingForHigherIsBetter()
    {
        var chart = Spc.Chart(Series(50, 51, 50, 52, 51, 50, 51, 80), Polarity.Higher, null)!;
        chart.Points[^1].SpecialCauses.ShouldContain("aboveUpperLimit");
        chart.Variation.ShouldBe(Variation.SpecialCauseImproving);
        Spc.Chart(Series(50, 51, 50, 52, 51, 50, 51, 80), Polarity.Lower, null)!.Variation.ShouldBe(Variation.SpecialCauseConcerning);
    }

    [Fact]
    public void RunOfSevenBelowTheMean_IsAShift()
    {
        var chart = Spc.Chart(Series(60, 62, 61, 63, 62, 50, 51, 50, 51, 50, 51, 50), Polarity.Higher, null)!;
        chart.Points[^1].SpecialCauses.ShouldContain("runBelowMean");
        chart.Variation.ShouldBe(Variation.SpecialCauseConcerning);
    }

    [Fact]
    public void SixConsecutiveIncreases_IsATrend()
    {
        var chart = Spc.Chart(Series(50, 49, 51, 52, 53, 54, 55, 56), Polarity.Higher, null)!;
        chart.Points[^1].SpecialCauses.ShouldContain("increasingTrend");
        chart.Points[1].SpecialCauses.ShouldContain("increasingTrend"); // 49 starts the run of increases
        chart.Points[0].SpecialCauses.ShouldNotContain("increasingTrend");
    }

    [Theory]
    [InlineData(40, Assurance.ConsistentlyPasses)]
    [InlineData(51, Assurance.HitAndMiss)]
    [InlineData(70, Assurance.ConsistentlyFails)]
    public void Assurance_ComparesTheTargetWithTheLimits(double target, Assurance expected) =>
        Spc.Chart(Series(50, 52, 50, 52, 50, 52), Polarity.Higher, target)!.Assurance.ShouldBe(expected);
}
