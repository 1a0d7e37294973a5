using KpiService.Domain.Analytics;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Peers;
using KpiService.Reports.Charts;

namespace KpiService.Reports.Tests.Fixtures;

/// <summary>
/// Gloucestershire's September 2021 board pack as a <see cref="Dashboard"/> document, built from the seed's own
/// figures with the domain's functions: each measure rated by <see cref="RatingEngine.Rate"/> against the published
/// target (tolerance 5 points: the report states none, so DOMAIN.md's worked example is used), SPC by
/// <see cref="Spc.Chart"/>. The exception grouping is a fixture rule, not the analytics rule of issue 14: green and
/// not declining is going well, red is do better, the rest with a status are ones to watch.
/// </summary>
public static class GloucestershireDashboard
{
    public static readonly Period Period = Period.Month(2021, 9);
    public static readonly DateTimeOffset GeneratedAt = new(2021, 11, 1, 9, 30, 0, TimeSpan.Zero);

    /// <summary>Gloucestershire prints amber as "Yellow" (seeds/000 lines 197–205).</summary>
    public static readonly LabelScheme Labels = new(new Dictionary<RagStatus, StatusLabel>
    {
        [RagStatus.Green] = new("Green", "#00703c"),
        [RagStatus.Amber] = new("Yellow", "#ffdd00"),
        [RagStatus.Red] = new("Red", "#d4351c"),
        [RagStatus.Unrated] = new("Not rated", "#b1b4b6"),
    });

    // Peer values the report states in words (seeds/000 lines 67 and 84).
    private static readonly Dictionary<string, (double Value, string Source)> Neighbours = new()
    {
        ["% of CP plans starting in month that are second/subsequent plans"] = (23.3, "seeds/000 line 67"),
        ["% of children in care experiencing 3 or more placements in 12 months (All PoCs)"] = (11, "seeds/000 line 84"),
        ["% of children aged under 16 in care for at least 2.5 yrs who have been in the same placement for at least 2 yrs"] = (68, "seeds/000 line 84"),
    };

    public static Dashboard Build(DashboardGrouping grouping = DashboardGrouping.Area)
    {
        var rows = GloucestershireRows.Load().Select(ToRow).ToList();
        var groups = grouping == DashboardGrouping.Area
            ? rows.GroupBy(r => r.Measure.Area).Select(g => new DashboardGroup(Slug(g.Key), g.Key, g.ToList()))
            : rows.GroupBy(r => r.Assessment?.Rating.PerformanceGroup)
                .OrderBy(g => g.Key ?? int.MaxValue)
                .Select(g => new DashboardGroup(g.Key is { } n ? $"performance-group-{n}" : "no-performance-group",
                    g.Key is { } k ? $"Performance group {k}" : "No performance group", g.ToList()));
        return new Dashboard(
            new AuthorityHeading("E10000013", 916, "Gloucestershire"), Period, Period.Month(2020, 9), 13, grouping, null,
            null, 2021, Labels, Summarise(rows), groups.ToList(), GeneratedAt);
    }

    internal static DashboardSummary Summarise(IReadOnlyList<DashboardRow> rows)
    {
        int Count(RagStatus status) => rows.Count(r => r.Assessment?.Rating.Status == status);
        List<ExceptionEntry> In(ExceptionGroup group) => [.. rows
            .Where(r => r.Assessment?.Exception?.Group == group)
            .Select(r => new ExceptionEntry(r.Measure.Id, r.Measure.Title, r.Assessment!.Exception!.Reason))];
        return new DashboardSummary(Count(RagStatus.Green), Count(RagStatus.Amber), Count(RagStatus.Red), Count(RagStatus.Unrated),
            rows.Count(r => r.Assessment is null), In(ExceptionGroup.GoingWell), In(ExceptionGroup.OnesToWatch), In(ExceptionGroup.DoBetter));
    }

    private static DashboardRow ToRow(SeedRow seed, int index)
    {
        var slug = Slug(seed.Title);
        var measure = new Measure($"glos-{index + 1:D2}-{slug[..Math.Min(40, slug.Length)].TrimEnd('-')}", null, seed.Title, seed.Title,
            seed.Area, Unit.Percentage, seed.LowerIsBetter ? Polarity.Lower : Polarity.Higher, 1, Aggregation.Ratio);
        var months = Enumerable.Range(0, 13).Select(i => Period.Month(2020, 9).Start.AddMonths(i)).Select(d => Period.Month(d.Year, d.Month)).ToList();
        var series = months.Zip(seed.Values).Where(x => x.Second is not null)
            .ToDictionary(x => x.First, x => new MeasureValue(x.Second!.Value, null, null));
        TargetRule? rule = seed.Target is { } target ? new TargetRule(Period.Month(2020, 4), target, 5) : null;
        var rating = RatingEngine.Rate(new RatingInput(measure, Period, series, rule));
        var points = months.Select(m => new SeriesPoint(m, series.TryGetValue(m, out var v) ? v.Value : null,
            series.TryGetValue(m, out var w) && rule is not null ? RatingRules.Rate(rule, measure.Polarity, w.Value) : null)).ToList();

        MeasureAssessment? assessment = null;
        if (rating is not null)
        {
            var ordered = series.OrderBy(s => s.Key).Select(s => (s.Key, s.Value.Value)).ToList();
            var spc = Spc.Chart(ordered, measure.Polarity, rating.Target);
            assessment = new MeasureAssessment(rating, null, null, ExceptionFor(rating),
                spc is null ? null : new SpcSignal(spc.Variation, spc.Assurance, new SpcIcons(MdcIcons.VariationName(spc), MdcIcons.AssuranceName(spc.Assurance)), false),
                null);
        }
        var peers = Neighbours.TryGetValue(seed.Title, out var sn)
            ? new PeerSnapshot(new ComparatorValue(sn.Value, null, sn.Source, null), null, null, null, null, null)
            : null;
        var commentary = seed.Overview.Length == 0 ? null
            : new Commentary(seed.Overview, null, "Performance and Improvement", new DateTimeOffset(2021, 11, 8, 9, 0, 0, TimeSpan.Zero), 1);
        var heading = new MeasureHeading(measure.Id, measure.Code, measure.Title, measure.Area, measure.Unit, measure.Polarity, measure.DecimalPlaces);
        return new DashboardRow(heading, rating is null ? DataState.Due : DataState.Received, null, null, points, assessment, peers, commentary, null, false);
    }

    private static ExceptionAssessment? ExceptionFor(Rating rating) => (rating.Status, rating.Judgement) switch
    {
        (RagStatus.Unrated, _) => null,
        (RagStatus.Green, not Judgement.Declining) => new(ExceptionGroup.GoingWell, $"on target and {Word(rating.Judgement)}"),
        (RagStatus.Red, Judgement.Declining) => new(ExceptionGroup.DoBetter, "red and declining"),
        (RagStatus.Red, _) => new(ExceptionGroup.DoBetter, $"red, {Word(rating.Judgement)}"),
        (RagStatus.Green, _) => new(ExceptionGroup.OnesToWatch, "on target but declining"),
        _ => new(ExceptionGroup.OnesToWatch, $"within tolerance, {Word(rating.Judgement)}"),
    };

    private static string Word(Judgement? judgement) => judgement?.ToString().ToLowerInvariant() ?? "first period";

    internal static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
