using KpiService.Domain.Figures;
using KpiService.EventStore;
using KpiService.Infrastructure;
using KpiService.Infrastructure.Access;
using KpiService.ReferenceData;
using MediatR;

namespace KpiService.Features.Figures;

public static class GetFigures
{
    public sealed record Query(string Authority, string Measure, string? From, string? To, DateTimeOffset? AsAt, string? Breakdown) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, FigureStore figures, PostgresEventStore events) : IRequestHandler<Query, object>
    {
        public async Task<object> Handle(Query request, CancellationToken cancellationToken)
        {
            var authority = reference.Current.Authority(request.Authority);
            var measure = reference.Current.Measure(request.Measure);
            var breakdown = Lookup.Breakdown(request.Breakdown)?.ToString() ?? "";
            var from = request.From is null ? (Domain.Periods.Period?)null : Lookup.Period(request.From, "from");
            var to = request.To is null ? (Domain.Periods.Period?)null : Lookup.Period(request.To, "to");
            var rows = await figures.GetSeriesAsync(authority.LaNumber, measure.Id, breakdown, cancellationToken, includeWithdrawn: request.AsAt is not null);
            rows = [.. rows.Where(r => (from is null || r.Period.Start >= from.Value.Start) && (to is null || r.Period.End <= to.Value.End))];
            if (request.AsAt is { } asAt) rows = await AsAtAsync(rows, asAt, cancellationToken);
            return new
            {
                authority = authority.ToReference(), measure = measure.Id, breakdown = breakdown.Length == 0 ? null : breakdown,
                asAt = request.AsAt, figures = rows.Select(r => FigureDto.From(r)),
            };
        }

        // "What did the board see on 8 November?": fold each figure's events recorded up to that moment.
        private async Task<List<FigureRow>> AsAtAsync(List<FigureRow> rows, DateTimeOffset asAt, CancellationToken cancellationToken)
        {
            var byStream = rows.ToDictionary(r => new FigureKey(r.LaNumber, r.Measure, r.Period, Domain.Figures.Breakdown.TryParse(r.Breakdown, out var b) ? b : null).StreamId);
            var recorded = await events.ReadStreamsAsync([.. byStream.Keys], asAt, cancellationToken);
            var result = new List<FigureRow>();
            foreach (var stream in recorded.GroupBy(e => e.StreamId))
            {
                var state = FigureState.None;
                DateTimeOffset? first = null, last = null;
                var late = false;
                foreach (var e in stream)
                {
                    var @event = (FigureEvent)EventSerializer.Deserialize(e);
                    state = Figure.Evolve(state, @event);
                    first ??= e.RecordedAt;
                    last = e.RecordedAt;
                    late = @event is FigureRevised { LateRestatement: true };
                }
                if (state.Withdrawn || state.Current is null) continue;
                var row = byStream[stream.Key];
                result.Add(row with
                {
                    Value = state.Current.Value, Numerator = state.Current.Numerator, Denominator = state.Current.Denominator, Note = state.Note,
                    Revision = state.Revision, FirstValue = state.FirstReported?.Value, FirstReportedAt = first!.Value, SubmittedAt = last!.Value,
                    Withdrawn = false, LateRestatement = late, Version = state.Version,
                });
            }
            return [.. result.OrderBy(r => r.Period)];
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/figures",
                (string authority, string measure, string? from, string? to, DateTimeOffset? asAt, string? breakdown, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new Query(authority, measure, from, to, asAt, breakdown), ct))
            .WithTags("Figures").WithSummary("The series now, or with asAt= as it stood at that moment; each figure with its revision, first-reported value and submission time.");
}
