using KpiService.Common;
using KpiService.Domain.Measures;
using KpiService.Domain.Peers;
using KpiService.Domain.Ratings;
using KpiService.Features.Access;
using KpiService.ReadModels.Peers;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Peers;

public static class GetComparison
{
    public sealed record Query(string Measure, string Period, string? Authority, int? Model, IReadOnlyList<string> Groups) : IRequest<ComparisonResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    /// <param name="State">reported, suppressed (a mark was published in place of its value: <c>Mark</c>) or missing.</param>
    public sealed record OwnValue(string? Code, int LaNumber, string Name, double? Value, double? Numerator, double? Denominator, string? Period, ValueSource? Source,
        PeerState State, string? Mark);

    /// <summary>The statistical neighbours: means to the measure's precision and unrounded; neighbours without a value left out and counted.</summary>
    public sealed record NeighboursResponse(int Model, double? Average, double? AverageUnrounded, double? WeightedAverage, double? WeightedAverageUnrounded,
        int Count, int Of, int Suppressed, int Missing, IReadOnlyList<MemberValue> Members, NeighbourRank? Rank, string? NotRankedBecause);

    /// <summary>
    /// An authority against its statistical neighbours, region, England and named groups. <c>Rank</c>, <c>Of</c> and
    /// <c>Quartile</c> come from <c>RankedAgainst</c>: the period's own values when at least 50 authorities have one,
    /// else the latest published distribution (<c>RankedAgainstPublished</c>; <c>NotRankedInYearBecause</c> says why).
    /// Authorities that did not exist at the period's end are never ranked. <c>EnglandMean</c> is to the measure's
    /// precision, <c>EnglandMeanUnrounded</c> as computed.
    /// </summary>
    public sealed record ComparisonResponse(
        string Measure, string Period, Polarity Polarity, OwnValue Authority, NeighboursResponse Neighbours, AreaResponse Region, AreaResponse England,
        IReadOnlyList<GroupResponse> Groups, int? Rank, int? Of, QuartileBand? Quartile, double[]? QuartileBreakpoints,
        string? RankedAgainst, bool RankedAgainstPublished, string? NotRankedInYearBecause, double? EnglandMean, double? EnglandMeanUnrounded, double? StandardDeviations,
        Versus? VersusNeighbours, string? VersusBasis);

    public sealed class Handler(ReferenceStore reference, PeerValues peers, ReadPolicy policy) : IRequestHandler<Query, ComparisonResponse>
    {
        public async Task<ComparisonResponse> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var measure = current.Measure(request.Measure);
            var period = Lookup.Period(request.Period);
            if (request.Authority is null) throw ValidationFailedException.Of("authority", "is required: the GSS code or LA number to compare.");
            var authority = current.Authority(request.Authority);
            var model = request.Model ?? ReferenceSnapshot.DefaultNeighbourModel;
            if (!current.Models.Contains(model)) throw ValidationFailedException.Of("model", $"No statistical neighbour model {model}; the models are {string.Join(", ", current.Models)}.");
            var unknown = request.Groups.Where(g => !current.Groups.ContainsKey(g)).ToList();
            if (unknown.Count > 0) throw ValidationFailedException.Of(unknown.Select(g => ("group", $"No comparator group '{g}'.")));

            var data = await peers.LoadAsync(measure.Id, period, cancellationToken);
            double? Population(int la) => current.PopulationFor(la, period);
            var own = data.Exact.GetValueOrDefault(authority.LaNumber);
            var neighbourList = (current.Neighbours.GetValueOrDefault((model, authority.LaNumber)) ?? []).Select(n => n.LaNumber).ToList();
            var neighbours = PeerComparison.Group(neighbourList, data, Population);
            var region = PeerComparison.Area("region", authority.Region.Code, current.RegionMembers(authority), data, measure);
            var england = PeerComparison.Area("england", PeerData.England, current.Authorities.Values.Where(a => a.Active).Select(a => a.LaNumber), data, measure);
            var rule = RatingRules.InForce(current.RulesFor(authority.LaNumber, measure.Id, ""), period) as BenchmarkRule;
            var (versus, basis) = PeerComparison.VersusNeighbours(measure, own, neighbours, rule?.Margin ?? measure.EffectiveFlatThreshold());
            var position = own is null ? null : PeerPositions.Of(authority.LaNumber, own.Value, measure.Polarity,
                data.InYear(), data.Published(), neighbourList, england.Source == ValueSource.Published ? england.Value : null);
            var ownMark = data.OwnState(authority.LaNumber) == PeerState.Suppressed ? data.Marks[authority.LaNumber] : null;

            return new ComparisonResponse(measure.Id, period.ToString(), measure.Polarity,
                new OwnValue(authority.GssCode, authority.LaNumber, authority.Name, own?.Value, own?.Numerator, own?.Denominator, own?.Period.ToString() ?? ownMark?.Period.ToString(),
                    own?.Source ?? (ownMark is null ? null : ValueSource.Published), data.OwnState(authority.LaNumber), ownMark?.Mark),
                new NeighboursResponse(model, GroupResponse.Rounded(measure, neighbours.Average), neighbours.Average,
                    GroupResponse.Rounded(measure, neighbours.WeightedAverage), neighbours.WeightedAverage, neighbours.Count, neighbours.Of, neighbours.Suppressed, neighbours.Missing,
                    GroupResponse.MembersOf(neighbours, data, current.Authorities, policy), position?.Neighbours, position?.NeighboursNotRankedBecause),
                AreaResponse.From(authority.Region.Name, region), AreaResponse.From("England", england),
                [.. request.Groups.Select(id => current.Groups[id]).Select(g => GroupResponse.From(g.Id, g.Name, PeerComparison.Group(g.Members, data, Population), measure, data, current.Authorities, policy))],
                position?.Rank, position?.Of, position?.Quartile,
                position?.Breakpoints is { } q ? [q.Q1, q.Median, q.Q3] : null,
                position?.RankedAgainst?.ToString(), position?.Published ?? false, position?.NotRankedInYearBecause,
                GroupResponse.Rounded(measure, position?.EnglandMean), position?.EnglandMean, position?.StandardDeviations, versus, versus is null ? null : basis);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/measures/{measure}/comparison/{period}", (string measure, string period, string? authority, int? model, string[]? group, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new Query(measure, period, authority, model, group ?? []), ct))
            .WithTags("Peers")
            .WithSummary("An authority against its statistical neighbours (simple and population-weighted means), region, England and named groups, with rank, quartile band (LAIT method) and better/similar/worse. Each value states its own period. "
                + "A neighbour without a value for the period is left out and counted (suppressed or missing), never replaced by an older year's; an authority whose own value was suppressed says so; "
                + "means are to the measure's decimal places, with the unrounded value beside them; authorities abolished or not yet created at the period's end are not ranked.");
}
