using KpiService.Domain.Benchmarks;
using KpiService.Domain.Peers;

namespace KpiService.Domain.Tests.Peers;

/// <summary>
/// Comparisons over published figures as LAIT publishes them: suppressed cells, authorities missing from a year,
/// and authorities that a reorganisation abolished or created (Dorset 2019, Northamptonshire 2021).
/// </summary>
public sealed class PublishedComparisonTests
{
    private static readonly Period Year2023 = Period.Parse("2023-24");
    private static readonly Period Year2021 = Period.Parse("2021-22");

    private static PeerValue Published(int la, double value, Period period) => new(la, value, null, null, period, ValueSource.Published);

    private static PeerData Data(Period period, IEnumerable<PeerValue> exact, IEnumerable<PeerValue>? latest = null, params PublishedMark[] marks) =>
        new(period, exact.ToDictionary(v => v.LaNumber), (latest ?? []).ToDictionary(v => v.LaNumber), new Dictionary<(string, string), AreaValue>())
        {
            Marks = marks.ToDictionary(m => m.LaNumber),
        };

    [Fact]
    public void ASuppressedAuthority_SaysSuppressed_NotBlank()
    {
        var data = Data(Year2023, [Published(916, 21.5, Year2023)], marks: new PublishedMark(850, "c", Year2023));

        data.OwnState(850).ShouldBe(PeerState.Suppressed);
        data.OwnState(916).ShouldBe(PeerState.Reported);
        data.OwnState(841).ShouldBe(PeerState.Missing);
        data.MarkOf(850)!.Mark.ShouldBe("c");
    }

    [Fact]
    public void AMarkFromTheFallbackYear_IsNotTheAuthoritysOwnState()
    {
        // A September 2021 comparison: nothing published for the month itself; 2020-21 is the fallback year.
        var september = Period.Month(2021, 9);
        var outturn = Period.Parse("2020-21");
        var data = Data(september, [], [Published(916, 20, outturn)], new PublishedMark(850, "-", outturn));

        data.OwnState(850).ShouldBe(PeerState.Missing);
        data.MarkOf(850)!.Period.ShouldBe(outturn); // but as a neighbour it shows the mark it has in the year used
    }

    [Fact]
    public void NeighboursWithoutAValue_AreLeftOutAndCounted()
    {
        // 2 values, one suppressed, one not published at all: the mean is of the two.
        var data = Data(Year2023, [Published(916, 20, Year2023), Published(841, 24, Year2023)], marks: new PublishedMark(850, "c", Year2023));

        var group = PeerComparison.Group([916, 841, 850, 852], data, _ => null);

        (group.Average, group.Count, group.Of, group.Suppressed, group.Missing).ShouldBe((22.0, 2, 4, 1, 1));
    }

    [Fact]
    public void ANeighbourMissingFromTheLatestYear_IsNeverFilledInFromAnOlderOne()
    {
        // PeerData's fallback is one published period for all: an authority absent from it has no value, whatever it
        // had the year before (the read model gives only the latest period, whole).
        var outturn = Period.Parse("2020-21");
        var data = Data(Period.Month(2021, 9), [], [Published(916, 20, outturn)]);

        data.ValueOf(841).ShouldBeNull();
        PeerComparison.Group([916, 841], data, _ => null).ShouldSatisfyAllConditions(
            g => g.Average.ShouldBe(20), g => g.Missing.ShouldBe(1));
    }

    [Fact]
    public void RetiredAuthorities_AreKeptButNotRanked()
    {
        // Cafcass still publishes Dorset's pre-2019 county (835) and Ofsted Northamptonshire (928) after they ceased.
        var data = Data(Year2021, [Published(835, 11.1, Year2021), Published(928, 9, Year2021), Published(916, 10, Year2021), Published(838, 12, Year2021)],
            [Published(835, 11.1, Year2021), Published(916, 10, Year2021)]);

        data.InYear().Values.Keys.Order().ShouldBe([838, 916]);
        data.Published()!.Values.Keys.ShouldBe([916]);
        data.ValueOf(835)!.Value.ShouldBe(11.1); // still there for history
    }

    [Fact]
    public void BeforeTheReorganisation_TheOldCountyIsRanked()
    {
        var year = Period.Parse("2015-16");
        var data = Data(year, [Published(835, 7, year), Published(838, 8, year)]);

        data.InYear().Values.Keys.ShouldBe([835]); // Dorset's new unitary (838) did not exist yet
    }

    [Fact]
    public void ARetiredAuthoritysOwnComparison_HasNoRank_AndSaysWhy()
    {
        var values = Enumerable.Range(300, 60).ToDictionary(la => la, la => (double)la);
        var position = PeerPositions.Of(835, 11.1, Polarity.Lower, new PeerDistribution(Year2021, values, Published: false), null, [916]);

        (position.Rank, position.Of, position.Quartile, position.Neighbours).ShouldBe((null, null, null, null));
        position.NotRankedInYearBecause.ShouldBe(
            "Dorset (county, pre-2019) (LA 835) ceased on 1 April 2019 (succeeded by LA 838): its figures for a period ending 31 March 2022 are kept for history, not ranked against the authorities of that time.");
    }

    [Fact]
    public void WhyNotRanked_NamesACreationToo()
    {
        AuthorityLifespans.WhyNotRanked(940, new DateOnly(2018, 3, 31))!.ShouldContain("was created on 1 April 2021");
        AuthorityLifespans.WhyNotRanked(940, new DateOnly(2022, 3, 31)).ShouldBeNull();
        AuthorityLifespans.WhyNotRanked(916, new DateOnly(2022, 3, 31)).ShouldBeNull();
    }
}
