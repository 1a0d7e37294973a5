using KpiService.Domain.Peers;

namespace KpiService.Domain.Tests.Peers;

public sealed class PeerStatisticsTests
{
    [Fact]
    public void Quantile_IsRType7()
    {
        // R: quantile(c(1, 2, 3, 4, 10), c(.25, .5, .75)) gives 2, 3, 4; quantile(c(1, 2, 3, 4), .25) gives 1.75.
        var quartiles = PeerStatistics.QuartilesOf([10, 1, 3, 2, 4]);
        (quartiles.Q1, quartiles.Median, quartiles.Q3).ShouldBe((2, 3, 4));
        PeerStatistics.Quantile([1, 2, 3, 4], 0.25).ShouldBe(1.75);
    }

    [Theory]
    [InlineData(1.0, Polarity.Lower, QuartileBand.A)]
    [InlineData(2.0, Polarity.Lower, QuartileBand.A)]   // on the breakpoint: the lower interval
    [InlineData(2.5, Polarity.Lower, QuartileBand.B)]
    [InlineData(4.0, Polarity.Lower, QuartileBand.C)]
    [InlineData(10, Polarity.Lower, QuartileBand.D)]
    [InlineData(10, Polarity.Higher, QuartileBand.A)]
    [InlineData(1.0, Polarity.Higher, QuartileBand.D)]
    public void Band_LowestIntervalIsAForLowerIsBetter(double value, Polarity polarity, QuartileBand expected) =>
        PeerStatistics.BandOf(value, new Quartiles(2, 3, 4), polarity).ShouldBe(expected);

    [Theory]
    [InlineData(20.0, Polarity.Lower, Versus.Better)]
    [InlineData(24.0, Polarity.Lower, Versus.Worse)]
    [InlineData(22.5, Polarity.Lower, Versus.Similar)]   // within the margin of 1
    [InlineData(24.0, Polarity.Higher, Versus.Better)]
    public void VersusAverage_ByMarginThroughPolarity(double value, Polarity polarity, Versus expected) =>
        PeerStatistics.Compare(value, 22.0, polarity, margin: 1.0).ShouldBe(expected);

    [Fact]
    public void Rank_OneIsBestAndTiesShareTheBestRank()
    {
        double[] values = [20, 15, 15, 30];
        PeerStatistics.RankOf(15, values, Polarity.Lower).ShouldBe(1);
        PeerStatistics.RankOf(20, values, Polarity.Lower).ShouldBe(3);
        PeerStatistics.RankOf(15, values, Polarity.Higher).ShouldBe(3);
        PeerStatistics.RankOf(15, values, Polarity.Neutral).ShouldBeNull();
        PeerStatistics.BandOf(15, PeerStatistics.QuartilesOf(values), Polarity.Neutral).ShouldBeNull();
    }
}
