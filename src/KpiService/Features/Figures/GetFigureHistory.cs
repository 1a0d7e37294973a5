using KpiService.Domain.Figures;
using KpiService.EventStore;
using KpiService.Infrastructure;
using KpiService.Infrastructure.Access;
using KpiService.ReferenceData;
using MediatR;

namespace KpiService.Features.Figures;

public static class GetFigureHistory
{
    public sealed record Query(string Authority, string Measure, string Period, string? Breakdown) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, PostgresEventStore events) : IRequestHandler<Query, object>
    {
        public async Task<object> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var (authority, measure, period, breakdown) = current.Figure(request.Authority, request.Measure, request.Period, request.Breakdown);
            var key = new FigureKey(authority.LaNumber, measure.Id, period, breakdown);
            var recorded = await events.ReadStreamAsync(key.StreamId, cancellationToken: cancellationToken);
            if (recorded.Count == 0) throw new NotFoundException($"{authority.Name} has no {key.Period} figure for '{measure.Id}'.");
            return new
            {
                authority = authority.ToReference(), measure = measure.Id, period = key.Period.ToString(), breakdown = key.Breakdown?.ToString(),
                events = recorded.Select(e => Describe(e, current)),
            };
        }

        private static object Describe(RecordedEvent recorded, ReferenceSnapshot reference)
        {
            var @event = (FigureEvent)EventSerializer.Deserialize(recorded);
            var figure = @event switch { FigureSubmitted s => s.Figure, FigureRevised r => r.Figure, _ => null };
            return new
            {
                version = recorded.Version,
                type = recorded.Type switch { nameof(FigureSubmitted) => "submitted", nameof(FigureRevised) => "revised", _ => "withdrawn" },
                value = figure?.Value, numerator = figure?.Numerator, denominator = figure?.Denominator,
                revision = @event switch { FigureSubmitted => 1, FigureRevised r => r.Revision, _ => (int?)null },
                lateRestatement = (@event as FigureRevised)?.LateRestatement,
                note = @event switch { FigureSubmitted s => s.Note, FigureRevised r => r.Note, FigureWithdrawn w => w.Reason, _ => null },
                recordedAt = recorded.RecordedAt,
                by = recorded.ClientId is { } id ? new { id, name = reference.Clients.TryGetValue(id, out var c) ? c.Name : id } : null,
                correlationId = recorded.CorrelationId,
            };
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/figures/{period}/history",
                (string authority, string measure, string period, string? breakdown, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new Query(authority, measure, period, breakdown), ct))
            .WithTags("Figures").WithSummary("Every event of one figure: submitted, revised (with late restatements flagged), withdrawn; who and when.");
}
