using KpiService.Common;
using KpiService.Domain.Catalogue;
using KpiService.Features.Access;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Catalogue;

public static class GetOverdue
{
    /// <param name="Since">How far back to look (default: 12 months ago).</param>
    public sealed record Query(DateOnly? Since) : IRequest<OverdueReport>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    /// <summary>Every scheduled figure past its due date without a figure or a mark, oldest first: the operator's chase list.</summary>
    public sealed record OverdueReport(DateOnly Since, DateOnly Today, IReadOnlyList<ExpectedFigureResponse> Overdue);

    public sealed class Handler(ReferenceStore reference, FigureQueries figures, TimeProvider clock) : IRequestHandler<Query, OverdueReport>
    {
        public async Task<OverdueReport> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var since = request.Since ?? today.AddMonths(-12);
            if (since > today) throw ValidationFailedException.Of("since", "is in the future.");
            var schedules = current.Schedules.Values.Where(s => s.Entries.Count > 0).ToList();
            var received = await figures.GetReceivedAsync([.. schedules.Select(s => s.LaNumber)], since.AddYears(-1), cancellationToken);
            var overdue = DataStates.Overdue(schedules, since, today, received, current.WorkingDays);
            return new OverdueReport(since, today, [.. overdue.Select(o => new ExpectedFigureResponse(
                current.Authorities[o.LaNumber].ToReference(), o.MeasureId, o.Period.ToString(), o.State, o.DueDate, o.Reason))]);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/overdue", (string? since, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(IsoTimestamp.ParseDate("since", since)), ct))
            .WithTags("Catalogue").WithSummary("What is overdue across authorities: every scheduled figure past its due working day with neither a figure nor a mark. Admin.");
}
