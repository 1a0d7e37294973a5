using KpiService.Domain.Measures;
using KpiService.Domain.Peers;
using KpiService.Features.Access;
using KpiService.ReadModels.Peers;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Peers;

public static class GetLeague
{
    /// <summary>Below this many authorities with a value, ranks and quartiles would mislead ("rank 1 of 1"): the league is listed unranked.</summary>
    public const int MinimumForRanking = 50;

    public sealed record Query(string Measure, string Period) : IRequest<League>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    /// <param name="NotRankedBecause">Why an authority with a value has no rank: it did not exist at the period's end (kept for history).</param>
    public sealed record LeagueEntry(string? Code, int LaNumber, string? Name, double Value, ValueSource Source, int? Rank, QuartileBand? Quartile, string? NotRankedBecause = null);

    /// <param name="Of">How many authorities are ranked: every one with a value that existed at the period's end; ranks and quartiles are over them.</param>
    /// <param name="Withheld">How many of those are not listed: other authorities' in-year values this client sees only in aggregates (<c>WithheldBecause</c>).</param>
    public sealed record League(string Measure, string Period, Polarity Polarity, int Of, double[]? QuartileBreakpoints, string? NotRankedBecause,
        IReadOnlyList<LeagueEntry> Authorities, int Withheld = 0, string? WithheldBecause = null);

    public sealed class Handler(ReferenceStore reference, PeerValues peers, ReadPolicy policy) : IRequestHandler<Query, League>
    {
        public async Task<League> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var measure = current.Measure(request.Measure);
            var period = Lookup.Period(request.Period);
            var data = await peers.LoadAsync(measure.Id, period, cancellationToken);
            // Authorities abolished or not yet created at the period's end are listed for history but not ranked.
            var values = data.InYear().Values.Values.ToList();
            var ranked = values.Count >= MinimumForRanking && measure.Polarity != Polarity.Neutral;
            var quartiles = ranked ? PeerStatistics.QuartilesOf(values) : null;
            var why = measure.Polarity == Polarity.Neutral ? "a neutral measure is not ranked."
                : ranked ? null : $"only {values.Count} authorities have a {period} value; ranks and quartiles need at least {MinimumForRanking}.";
            var shown = data.Exact.Values.Where(v => policy.MaySee(v.LaNumber, v.Source)).ToList();
            var withheld = data.Exact.Count - shown.Count;
            var rows = shown
                .Select(v => (Value: v, Retired: Domain.Benchmarks.AuthorityLifespans.WhyNotRanked(v.LaNumber, period.End), Authority: current.Authorities.GetValueOrDefault(v.LaNumber)))
                .Select(x => (x.Value, x.Retired, x.Authority, Rank: ranked && x.Retired is null ? PeerStatistics.RankOf(x.Value.Value, values, measure.Polarity) : null))
                .OrderBy(x => x.Retired is null ? 0 : 1).ThenBy(x => x.Rank ?? 0).ThenBy(x => x.Authority?.Name)
                .Select(x => new LeagueEntry(x.Authority?.GssCode, x.Value.LaNumber, x.Authority?.Name, x.Value.Value, x.Value.Source, x.Rank,
                    quartiles is null || x.Retired is not null ? null : PeerStatistics.BandOf(x.Value.Value, quartiles, measure.Polarity), x.Retired));
            return new League(measure.Id, period.ToString(), measure.Polarity, values.Count,
                quartiles is null ? null : [quartiles.Q1, quartiles.Median, quartiles.Q3], why, [.. rows], withheld, withheld == 0 ? null : ReadPolicy.WithheldBecause);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/measures/{measure}/league/{period}", (string measure, string period, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(measure, period), ct))
            .WithTags("Peers").WithSummary("Every authority with a value for the period, ranked (1 best by polarity, ties share) with its quartile band, once at least 50 have a value. Neutral measures are listed unranked; authorities abolished or not yet created at the period's end are listed last, unranked, for history.");
}
