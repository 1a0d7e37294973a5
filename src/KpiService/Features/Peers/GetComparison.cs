using KpiService.ReadModels.Peers;
using KpiService.Domain.Peers;
using KpiService.Domain.Ratings;
using KpiService.Features.Authorities;
using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Peers;

public static class GetComparison
{
    public sealed record Query(string Measure, string Period, string? Authority, int? Model, IReadOnlyList<string> Groups) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, PeerValues peers) : IRequestHandler<Query, object>
    {
        public async Task<object> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var measure = current.Measure(request.Measure);
            var period = Lookup.Period(request.Period);
            if (request.Authority is null) throw ValidationFailedException.Of("authority", "is required: the GSS code or LA number to compare.");
            var authority = current.Authority(request.Authority);
            var model = request.Model ?? GetNeighbours.DefaultModel;
            if (!current.Models.Contains(model)) throw ValidationFailedException.Of("model", $"No statistical neighbour model {model}; the models are {string.Join(", ", current.Models)}.");
            var unknown = request.Groups.Where(g => !current.Groups.ContainsKey(g)).ToList();
            if (unknown.Count > 0) throw ValidationFailedException.Of(unknown.Select(g => ("group", $"No comparator group '{g}'.")));

            var data = await peers.LoadAsync(measure.Id, period, cancellationToken);
            var own = data.Exact.GetValueOrDefault(authority.LaNumber);
            var neighbourList = current.Neighbours.GetValueOrDefault((model, authority.LaNumber)) ?? [];
            var neighbours = Comparison.Group("neighbours", $"Statistical neighbours ({model})", neighbourList.Select(n => n.LaNumber), data, current);
            var league = data.Exact.Values.Select(v => v.Value).ToList();
            var ranked = own is not null && measure.Polarity != Domain.Measures.Polarity.Neutral && league.Count > 0;
            var quartiles = ranked ? PeerStatistics.QuartilesOf(league) : null;
            var rule = RatingRules.InForce(current.RulesFor(authority.LaNumber, measure.Id, ""), period) as BenchmarkRule;
            var (versus, basis) = Comparison.VersusNeighbours(measure, own, neighbours, data, neighbourList.Select(n => n.LaNumber), rule?.Margin ?? measure.EffectiveFlatThreshold());

            return new
            {
                measure = measure.Id, period = period.ToString(), measure.Polarity,
                authority = new { code = authority.GssCode, authority.LaNumber, authority.Name, value = own?.Value, numerator = own?.Numerator, denominator = own?.Denominator, period = own?.Period.ToString(), source = own?.Source },
                neighbours = new { model, neighbours.Average, neighbours.WeightedAverage, neighbours.Count, of = neighbours.Of, neighbours.Members },
                region = Comparison.Area("region", authority.Region.Code, authority.Region.Name, Comparison.RegionMembers(authority, current), data, measure),
                england = Comparison.Area("england", BenchmarkImporter.England, "England", current.Authorities.Keys, data, measure),
                groups = request.Groups.Select(id => current.Groups[id]).Select(g => Comparison.Group(g.Id, g.Name, g.Members, data, current)),
                rank = ranked ? PeerStatistics.RankOf(own!.Value, league, measure.Polarity) : null,
                of = ranked ? league.Count : (int?)null,
                // Bands are capital letters (A–D), as LAIT prints them, not lowerCamel enum names.
                quartile = ranked ? PeerStatistics.BandOf(own!.Value, quartiles!, measure.Polarity)?.ToString() : null,
                quartileBreakpoints = quartiles is null ? null : new[] { quartiles.Q1, quartiles.Median, quartiles.Q3 },
                versusNeighbours = versus,
                versusBasis = versus is null ? null : basis,
            };
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/measures/{measure}/comparison/{period}", (string measure, string period, string? authority, int? model, string[]? group, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new Query(measure, period, authority, model, group ?? []), ct))
            .WithTags("Peers")
            .WithSummary("An authority against its statistical neighbours (simple and population-weighted means), region, England and named groups, with rank, quartile band (LAIT method) and better/similar/worse. Each value states its own period.");
}
