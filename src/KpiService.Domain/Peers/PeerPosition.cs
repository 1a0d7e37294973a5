using KpiService.Domain.Analytics;
using KpiService.Domain.Measures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Peers;

/// <summary>
/// Authorities' values of one measure for one period, keyed by LA number: the in-year values submitted to the service,
/// or a published distribution (LAIT's outturn for a year).
/// </summary>
public sealed record PeerDistribution(Period Period, IReadOnlyDictionary<int, double> Values, bool Published);

/// <summary>
/// <c>MinimumAuthorities</c>: how many authorities must have an in-year value before a national rank and quartile mean
/// anything (50, about a third of England's 153). <c>MinimumNeighbours</c>: how many of the statistical neighbours must
/// have a value for a rank among them (6 of 10).
/// </summary>
public sealed record PeerPositionOptions(int MinimumAuthorities = 50, int MinimumNeighbours = 6);

/// <summary>A rank within the statistical-neighbour group (the authority and its neighbours), with the words: "3rd of 11".</summary>
public sealed record NeighbourRank(int Rank, int Of, string Text, Period Period, bool Published);

/// <summary>
/// Where an authority's value stands. <c>RankedAgainst</c> is the period of the distribution used and <c>Published</c>
/// whether it is a published one (the fallback); <c>NotRankedInYearBecause</c> says why the in-year values were not
/// used. <c>StandardDeviations</c> is (value − England mean) ÷ the standard deviation of the authorities' values.
/// </summary>
public sealed record PeerPosition(
    double Value, Period? RankedAgainst, bool Published, int? Rank, int? Of, QuartileBand? Quartile, Quartiles? Breakpoints,
    string? NotRankedInYearBecause, NeighbourRank? Neighbours, string? NeighboursNotRankedBecause,
    double? EnglandMean, double? StandardDeviation, double? StandardDeviations);

/// <summary>
/// An in-year peer position that means something. A monthly rank used to be computed among whichever authorities had
/// submitted that month, so the first submitter came out "rank 1 of 1, quartile A". Now a rank and a quartile need at
/// least <c>MinimumAuthorities</c> in-year values; short of that the value is placed in the latest published
/// distribution, whose period is named, as councils do when they set a September figure against last year's outturn
/// (seeds/001 lines 524–526: "Stat. Neighbour 84, England 79, SE region 77").
/// </summary>
public static class PeerPositions
{
    public static PeerPosition Of(int laNumber, double value, Polarity polarity, PeerDistribution inYear, PeerDistribution? published,
        IReadOnlyList<int> neighbours, double? englandValue = null, PeerPositionOptions? options = null)
    {
        options ??= new PeerPositionOptions();
        // An authority abolished (or not yet created) by the period's end is kept for history, never ranked.
        if (Benchmarks.AuthorityLifespans.WhyNotRanked(laNumber, inYear.Period.End) is { } retired)
            return new PeerPosition(value, null, false, null, null, null, null, retired, null, retired, null, null, null);
        var current = new Dictionary<int, double>(inYear.Values) { [laNumber] = value };
        string? why = null;
        PeerDistribution? used = current.Count >= options.MinimumAuthorities ? inYear with { Values = current } : null;
        if (used is null)
        {
            why = $"only {current.Count} {(current.Count == 1 ? "authority has" : "authorities have")} a {inYear.Period} value; "
                + $"a rank needs at least {options.MinimumAuthorities}";
            used = published is { Values.Count: >= 2 } ? published : null;
            why += used is null ? ", and there is no published distribution to fall back on." : $": placed in the {used.Period} published distribution instead.";
        }

        var (rank, of, quartile, breakpoints) = ((int?)null, (int?)null, (QuartileBand?)null, (Quartiles?)null);
        if (used is not null && polarity != Polarity.Neutral)
        {
            var others = used.Values.Where(v => v.Key != laNumber).Select(v => v.Value).ToList();
            rank = PeerStatistics.RankOf(value, others, polarity);
            of = others.Count + 1;
            breakpoints = PeerStatistics.QuartilesOf(used.Values.Values);
            quartile = PeerStatistics.BandOf(value, breakpoints, polarity);
        }
        var (neighbourRank, neighboursWhy) = NeighbourRankOf(laNumber, value, polarity, inYear, published, neighbours, options);
        var (mean, sd) = Spread(used, englandValue);
        return new PeerPosition(value, used?.Period, used?.Published ?? false, rank, of, quartile, breakpoints, why,
            neighbourRank, neighboursWhy, mean, sd, mean is { } m && sd is > 0 and var s ? (value - m) / s : null);
    }

    /// <summary>Among the authority and those of its neighbours with a value: in-year when enough have one, else published.</summary>
    private static (NeighbourRank?, string?) NeighbourRankOf(int laNumber, double value, Polarity polarity, PeerDistribution inYear,
        PeerDistribution? published, IReadOnlyList<int> neighbours, PeerPositionOptions options)
    {
        if (polarity == Polarity.Neutral) return (null, "a neutral measure is not ranked.");
        if (neighbours.Count == 0) return (null, "the authority has no statistical neighbours in this model.");
        var needed = Math.Min(options.MinimumNeighbours, neighbours.Count);
        foreach (var distribution in new[] { inYear, published })
        {
            if (distribution is null) continue;
            var values = neighbours.Where(n => n != laNumber && distribution.Values.ContainsKey(n)).Select(n => distribution.Values[n]).ToList();
            if (values.Count < needed) continue;
            var rank = PeerStatistics.RankOf(value, values, polarity)!.Value;
            return (new NeighbourRank(rank, values.Count + 1, $"{Words.Ordinal(rank)} of {values.Count + 1}", distribution.Period, distribution.Published), null);
        }
        return (null, $"fewer than {needed} of the {neighbours.Count} statistical neighbours have a value, in year or published.");
    }

    /// <summary>The England mean (a published England figure where given, else the mean of the authorities) and their sample standard deviation.</summary>
    private static (double? Mean, double? StandardDeviation) Spread(PeerDistribution? used, double? englandValue)
    {
        if (used is not { Values.Count: >= 2 }) return (englandValue, null);
        var values = used.Values.Values.ToList();
        var average = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - average) * (v - average)) / (values.Count - 1));
        return (englandValue ?? average, sd);
    }
}
