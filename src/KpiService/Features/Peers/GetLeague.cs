using KpiService.ReadModels.Peers;
using KpiService.Domain.Peers;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Peers;

public static class GetLeague
{
    public sealed record Query(string Measure, string Period) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    public sealed class Handler(ReferenceStore reference, PeerValues peers) : IRequestHandler<Query, object>
    {
        public async Task<object> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var measure = current.Measure(request.Measure);
            var period = Lookup.Period(request.Period);
            var data = await peers.LoadAsync(measure.Id, period, cancellationToken);
            var values = data.Exact.Values.Select(v => v.Value).ToList();
            var quartiles = values.Count > 0 && measure.Polarity != Domain.Measures.Polarity.Neutral ? PeerStatistics.QuartilesOf(values) : null;
            var rows = data.Exact.Values
                .Select(v => (v, Rank: PeerStatistics.RankOf(v.Value, values, measure.Polarity)))
                .OrderBy(x => x.Rank ?? 0).ThenBy(x => current.Authorities.GetValueOrDefault(x.v.LaNumber)?.Name)
                .Select(x => new
                {
                    code = current.Authorities.GetValueOrDefault(x.v.LaNumber)?.GssCode, laNumber = x.v.LaNumber,
                    name = current.Authorities.GetValueOrDefault(x.v.LaNumber)?.Name,
                    value = x.v.Value, source = x.v.Source, rank = x.Rank,
                    quartile = quartiles is null ? null : PeerStatistics.BandOf(x.v.Value, quartiles, measure.Polarity)?.ToString(),
                });
            return new
            {
                measure = measure.Id, period = period.ToString(), measure.Polarity, of = values.Count,
                quartileBreakpoints = quartiles is null ? null : new[] { quartiles.Q1, quartiles.Median, quartiles.Q3 },
                authorities = rows,
            };
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/measures/{measure}/league/{period}", (string measure, string period, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(measure, period), ct))
            .WithTags("Peers").WithSummary("Every authority with a value for the period, ranked (1 best by polarity, ties share) with its quartile band. Neutral measures are listed unranked.");
}
