using System.Globalization;
using KpiService.Domain.Analytics;
using KpiService.Domain.Peers;

namespace KpiService.Domain.Tests.Peers;

/// <summary>
/// Southampton's ICPC timeliness (seeds/001 lines 533 and 729: 79% in Sep-20, 27% in Dec-20) placed against LAIT's
/// 2019-20 distribution (Golden/lait-cp-conf-15days-2019-20.tsv, 150 authorities, England 77.6) and its 2021-model
/// statistical neighbours.
/// </summary>
public sealed class PeerPositionTests
{
    private const int Southampton = 852;
    private static readonly int[] Neighbours = [851, 373, 874, 879, 831, 801, 331, 861, 810, 355];
    private static readonly Period December2020 = Period.Month(2020, 12);

    private static readonly PeerDistribution Published = new(Period.Parse("2019-20"),
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Golden", "lait-cp-conf-15days-2019-20.tsv"))
            .Where(l => !l.StartsWith('#')).Select(l => l.Split('\t'))
            .ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture), f => double.Parse(f[2], CultureInfo.InvariantCulture)), Published: true);

    private static PeerDistribution OnlySouthampton(double value) => new(December2020, new Dictionary<int, double> { [Southampton] = value }, Published: false);

    [Fact]
    public void OneSubmitter_IsNotRank1Of1QuartileA()
    {
        // Regression: the only authority to have submitted for the month was "rank 1 of 1, quartile A".
        var position = PeerPositions.Of(Southampton, 27, Polarity.Higher, OnlySouthampton(27), published: null, Neighbours);

        (position.Rank, position.Of, position.Quartile, position.RankedAgainst).ShouldBe((null, null, null, null));
        position.NotRankedInYearBecause.ShouldBe("only 1 authority has a 2020-12 value; a rank needs at least 50, and there is no published distribution to fall back on.");
        position.Neighbours.ShouldBeNull();
    }

    [Theory]
    // 27% (Dec-20) is below every authority's 2019-20 figure; 79% (Sep-20) sits just under the median of 79.6.
    [InlineData(27, 150, QuartileBand.D, "11th of 11", -4.17)]
    [InlineData(79, 77, QuartileBand.C, "8th of 11", 0.12)]
    public void OneSubmitter_IsPlacedInTheLatestPublishedDistribution(double value, int rank, QuartileBand quartile, string neighbours, double sds)
    {
        var position = PeerPositions.Of(Southampton, value, Polarity.Higher, OnlySouthampton(value), Published, Neighbours, englandValue: 77.6);

        (position.Rank, position.Of, position.Quartile).ShouldBe((rank, 150, quartile));
        (position.RankedAgainst.ToString(), position.Published).ShouldBe(("2019-20", true));
        position.NotRankedInYearBecause!.ShouldEndWith("placed in the 2019-20 published distribution instead.");
        (position.Breakpoints!.Q1, position.Breakpoints.Median, position.Breakpoints.Q3).ShouldBe((71.45, 79.6, 87.775));
        position.Neighbours!.Text.ShouldBe(neighbours);
        position.Neighbours.Period.ToString().ShouldBe("2019-20");
        Math.Round(position.StandardDeviations!.Value, 2).ShouldBe(sds);   // (value − 77.6) ÷ 12.12
    }

    [Fact]
    public void EnoughInYearValues_AreRankedInYear()
    {
        // 70 authorities have a December value (1 … 60, and the neighbours at 50, 55, … 95): rank among them.
        var values = Enumerable.Range(1, 60).ToDictionary(i => 1000 + i, i => (double)i);
        foreach (var (n, i) in Neighbours.Select((n, i) => (n, i))) values[n] = 50 + i * 5; // 50, 55, …, 95
        var inYear = new PeerDistribution(December2020, values, Published: false);

        var position = PeerPositions.Of(Southampton, 62, Polarity.Higher, inYear, Published, Neighbours);

        (position.RankedAgainst, position.Published, position.NotRankedInYearBecause).ShouldBe((December2020, false, (string?)null));
        (position.Rank, position.Of).ShouldBe((8, 71));                 // only the neighbours at 65, 70, … 95 are above 62
        position.Neighbours!.Text.ShouldBe("8th of 11");
        position.Neighbours.Published.ShouldBeFalse();
    }

    [Fact]
    public void LowerIsBetter_RanksTheLowestFirst()
    {
        var inYear = new PeerDistribution(December2020, Enumerable.Range(1, 49).ToDictionary(i => 1000 + i, i => (double)i), Published: false);
        var position = PeerPositions.Of(Southampton, 3.5, Polarity.Lower, inYear, null, []);

        (position.Rank, position.Of, position.Quartile).ShouldBe((4, 50, QuartileBand.A));
        position.NeighboursNotRankedBecause.ShouldBe("the authority has no statistical neighbours in this model.");
    }

    [Fact]
    public void Neutral_IsNotRankedButKeepsItsDistanceFromTheMean()
    {
        var position = PeerPositions.Of(Southampton, 27, Polarity.Neutral, OnlySouthampton(27), Published, Neighbours, englandValue: 77.6);

        (position.Rank, position.Quartile, position.Neighbours).ShouldBe((null, null, null));
        Math.Round(position.StandardDeviations!.Value, 2).ShouldBe(-4.17);
    }

    [Theory]
    [InlineData(1, "1st")] [InlineData(2, "2nd")] [InlineData(3, "3rd")] [InlineData(4, "4th")]
    [InlineData(11, "11th")] [InlineData(12, "12th")] [InlineData(13, "13th")] [InlineData(21, "21st")] [InlineData(102, "102nd")]
    public void Ordinals(int n, string text) => Words.Ordinal(n).ShouldBe(text);
}
