using KpiService.ReadModels.Peers;
using KpiService.Domain.Authorities;
using KpiService.Domain.Figures;
using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;
using KpiService.Features.Peers;
using KpiService.ReadModels.Reference;

namespace KpiService.Features.Ratings;

/// <summary>A rating with what the service adds around the pure computation: whose figure, roll-ups, warnings.</summary>
public sealed record RatedFigure(Authority Authority, Measure Measure, string Breakdown, Rating Rating, string Source, IReadOnlyList<string> Warnings);

/// <summary>
/// Loads what a rating needs from the read models (one query for the measure's series, every breakdown included,
/// so authority totals can be rolled up from localities) and hands it to the pure rating engine.
/// </summary>
public sealed class RatingService(ReferenceStore reference, KpiService.ReadModels.Figures.FigureQueries figures, PeerValues peers, Common.ReadCache cache)
{
    /// <summary>One rating, cached until a figure of the same authority and measure (or reference data) changes.</summary>
    public Task<RatedFigure?> RateAsync(Authority authority, Measure measure, Period period, string breakdown, CancellationToken cancellationToken) =>
        cache.GetOrAddAsync($"rating:{authority.LaNumber}:{measure.Id}:{breakdown}:{period}", [$"figures:{authority.LaNumber}:{measure.Id}"], async () =>
        {
            var rows = await figures.GetAllBreakdownsAsync(authority.LaNumber, measure.Id, cancellationToken);
            var (series, rolledUp) = Series(authority, measure, breakdown, rows);
            var rated = await RateAsync(authority, measure, period, breakdown, series, rolledUp, cancellationToken);
            // A benchmark rule depends on other authorities' figures too: never cached.
            return (rated, rated?.Rating.Rule is not BenchmarkRule);
        });

    public async Task<RatedFigure?> RateAsync(Authority authority, Measure measure, Period period, string breakdown,
        Dictionary<Period, MeasureValue> series, Dictionary<Period, RolledUpTotal> rolledUp, CancellationToken cancellationToken)
    {
        var current = reference.Current;
        var warnings = new List<string>();
        var source = "submitted";
        if (breakdown.Length == 0)
        {
            foreach (var (p, total) in rolledUp)
            {
                if (!series.TryGetValue(p, out var submitted)) { series[p] = total.Value; if (p == period) source = $"rolledUp:{total.Dimension}"; }
                else if (p == period && Rollup.Disagree(measure, submitted, total.Value))
                    warnings.Add($"The submitted total ({Show(measure, submitted)}) differs from the sum of its {total.Parts} {total.Dimension} figures ({Show(measure, total.Value)}) by {measure.Round(submitted.Value - total.Value.Value)}.");
            }
        }
        var rule = RatingRules.InForce(current.RulesFor(authority.LaNumber, measure.Id, breakdown), period);
        double? benchmarkAverage = rule is BenchmarkRule benchmark ? await BenchmarkAverageAsync(authority, measure, period, benchmark, cancellationToken) : null;
        var rating = RatingEngine.Rate(new RatingInput(measure, period, series, rule, benchmarkAverage));
        if (rating is null) return null;
        if (rating.Computed && source == "submitted") source = "computed";
        return new RatedFigure(authority, measure, breakdown, rating, source, warnings);
    }

    public (Dictionary<Period, MeasureValue> Series, Dictionary<Period, RolledUpTotal> RolledUp) Series(Authority authority, Measure measure, string breakdown, IEnumerable<Domain.Figures.FigureRecord> rows)
    {
        var byBreakdown = rows.GroupBy(r => r.Key.BreakdownKey).ToDictionary(g => g.Key, g => g.Where(r => r.Current is not null)
            .ToDictionary(r => r.Key.Period, r => new MeasureValue(r.Current!.Value, r.Current.Numerator, r.Current.Denominator)));
        var series = byBreakdown.GetValueOrDefault(breakdown) ?? [];
        if (breakdown.Length > 0) return (series, []);
        var declared = reference.Current.Dimensions.Where(d => d.Key.LaNumber == authority.LaNumber).ToDictionary(d => d.Key.Dimension, d => d.Value);
        return (series, declared.Count == 0 ? [] : Rollup.Totals(measure, byBreakdown, declared));
    }

    private async Task<double?> BenchmarkAverageAsync(Authority authority, Measure measure, Period period, BenchmarkRule rule, CancellationToken cancellationToken)
    {
        var current = reference.Current;
        var data = await peers.LoadAsync(measure.Id, period, cancellationToken);
        IEnumerable<int> members = rule.Group switch
        {
            "neighbours" => (current.Neighbours.GetValueOrDefault((Authorities.GetNeighbours.DefaultModel, authority.LaNumber)) ?? []).Select(n => n.LaNumber),
            "region" => Comparison.RegionMembers(authority, current),
            "england" => current.Authorities.Keys,
            var id => current.Groups.TryGetValue(id, out var group) ? group.Members : [],
        };
        if (rule.Group is "region" or "england" && data.Areas.TryGetValue((rule.Group, rule.Group == "england" ? BenchmarkImporter.England : authority.Region.Code), out var published) && published.Value is { } v)
            return v;
        return Comparison.Group(rule.Group, rule.Group, members.Where(la => la != authority.LaNumber), data, current).Average;
    }

    private static string Show(Measure measure, MeasureValue value) =>
        value.HasParts ? $"{measure.Round(value.Value)} = {value.Numerator}/{value.Denominator}" : measure.Round(value.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
