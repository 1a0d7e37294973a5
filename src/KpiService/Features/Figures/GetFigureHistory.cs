using KpiService.Common;
using KpiService.Domain.Figures;
using KpiService.Features.Access;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Reference;
using Marten;
using MediatR;

namespace KpiService.Features.Figures;

public static class GetFigureHistory
{
    public sealed record Query(string Authority, string Measure, string Period, string? Breakdown) : IRequest<History>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public enum EventKind { Submitted, Revised, Withdrawn }

    public sealed record ClientReference(string Id, string Name);

    /// <summary>One event of a figure. <c>Note</c> carries a withdrawal's reason.</summary>
    public sealed record HistoryEntry(
        long Version, EventKind Type, double? Value, double? Numerator, double? Denominator, int? Revision, bool? LateRestatement,
        string? Note, DateTimeOffset RecordedAt, ClientReference? By, string? CorrelationId);

    public sealed record History(AuthorityReference Authority, string Measure, string Period, string? Breakdown, IReadOnlyList<HistoryEntry> Events);

    public sealed class Handler(ReferenceStore reference, IQuerySession session) : IRequestHandler<Query, History>
    {
        public async Task<History> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var (authority, measure, period, breakdown) = current.Figure(request.Authority, request.Measure, request.Period, request.Breakdown);
            var key = new FigureKey(authority.LaNumber, measure.Id, period, breakdown);
            var recorded = await FigureHistory.OfAsync(session, key, cancellationToken);
            if (recorded.Count == 0) throw new NotFoundException($"{authority.Name} has no {key.Period} figure for '{measure.Id}'.");
            return new History(authority.ToReference(), measure.Id, key.Period.ToString(), key.Breakdown?.ToString(), [.. recorded.Select(e => Describe(e, current))]);
        }

        private static HistoryEntry Describe(RecordedFigureEvent recorded, ReferenceSnapshot reference)
        {
            var @event = recorded.Event;
            var figure = @event switch { FigureSubmitted s => s.Figure, FigureRevised r => r.Figure, _ => null };
            return new HistoryEntry(
                recorded.Version,
                @event switch { FigureSubmitted => EventKind.Submitted, FigureRevised => EventKind.Revised, _ => EventKind.Withdrawn },
                figure?.Value, figure?.Numerator, figure?.Denominator,
                @event switch { FigureSubmitted => 1, FigureRevised r => r.Revision, _ => null },
                (@event as FigureRevised)?.LateRestatement,
                @event switch { FigureSubmitted s => s.Note, FigureRevised r => r.Note, FigureWithdrawn w => w.Reason, _ => null },
                recorded.RecordedAt,
                recorded.ClientId is { } id ? new ClientReference(id, reference.Clients.TryGetValue(id, out var c) ? c.Name : id) : null,
                recorded.CorrelationId);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/figures/{period}/history",
                (string authority, string measure, string period, string? breakdown, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new Query(authority, measure, period, breakdown), ct))
            .WithTags("Figures").WithSummary("Every event of one figure: submitted, revised (with late restatements flagged), withdrawn; who and when.");
}
