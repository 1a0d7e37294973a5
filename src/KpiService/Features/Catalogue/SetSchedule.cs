using KpiService.Common;
using KpiService.Domain.Catalogue;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Catalogue;

public static class SetSchedule
{
    /// <param name="Measure">A measure the authority sees (national id, its own local slug, or a code it uses).</param>
    /// <param name="DueWorkingDay">The figure is due by this working day after the period ends (England and Wales bank holidays excluded).</param>
    /// <param name="From">The first period reported on this schedule (optional).</param>
    public sealed record EntryBody(string? Measure, ReportingFrequency? Frequency, int? DueWorkingDay, string? From);

    public sealed record Body(IReadOnlyList<EntryBody>? Entries);

    public sealed record Command(string Authority, Body Body, Preconditions Preconditions) : IRequest<ScheduleResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Catalogue;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, ScheduleChanges changes) : IRequestHandler<Command, ScheduleResponse>
    {
        public async Task<ScheduleResponse> Handle(Command request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            if (request.Body.Entries is null) throw ValidationFailedException.Of("entries", "is required: [{ measure, frequency, dueWorkingDay, from? }].");
            var problems = new List<(string, string)>();
            var entries = request.Body.Entries.Select((e, i) =>
            {
                if (e.Frequency is null) problems.Add(($"entries[{i}].frequency", "is required: monthly, quarterly or annually."));
                Domain.Periods.Period? from = null;
                if (e.From is not null)
                {
                    if (Domain.Periods.Period.TryParse(e.From, out var p)) from = p;
                    else problems.Add(($"entries[{i}].from", $"'{e.From}' is not a period."));
                }
                return new ScheduleEntry(e.Measure ?? "", e.Frequency ?? ReportingFrequency.Monthly, e.DueWorkingDay ?? 0, from);
            }).ToList();
            if (problems.Count > 0) throw ValidationFailedException.Of(problems);
            var after = await changes.DecideAsync(authority, new Domain.Catalogue.SetSchedule(entries), request.Preconditions, cancellationToken);
            return ScheduleResponse.From(authority, after);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/authorities/{authority}/schedule", async (string authority, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var schedule = await mediator.Send(new Command(authority, body, Conditional.From(http.Request)), ct);
                http.Response.Headers.ETag = schedule.ETag;
                return schedule;
            })
            .ProducesProblem(422)
            .WithTags("Catalogue").WithSummary("The authority's reporting schedule: which measures it reports, monthly, quarterly or annually, due by working day N after the period ends. Scorecards and dashboards then show expected figures as due or overdue instead of leaving them out. Catalogue scope.");
}
