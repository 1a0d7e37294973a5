using KpiService.Common;
using KpiService.Domain.Catalogue;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Catalogue;

public static class MarkPeriods
{
    /// <param name="Kind">notApplicable ("schools closed"), awaitingPartner ("awaiting Health") or definitionChanged.</param>
    /// <param name="Through">The last period the mark covers (optional: from on).</param>
    public sealed record Body(string? Measure, string? From, string? Through, MarkKind? Kind, string? Reason);

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
            var b = request.Body;
            var problems = new List<(string, string)>();
            var measure = current.ViewOf(authority.LaNumber).Find(b.Measure ?? "");
            if (measure is null) problems.Add(("measure", $"'{b.Measure}' is not a measure this authority sees."));
            if (b.Kind is null) problems.Add(("kind", "is required: notApplicable, awaitingPartner or definitionChanged."));
            if (!Domain.Periods.Period.TryParse(b.From, out var from)) problems.Add(("from", $"'{b.From}' is not a period."));
            Domain.Periods.Period? through = null;
            if (b.Through is not null) { if (Domain.Periods.Period.TryParse(b.Through, out var t)) through = t; else problems.Add(("through", $"'{b.Through}' is not a period.")); }
            if (problems.Count > 0) throw ValidationFailedException.Of(problems);
            var mark = new PeriodMark(measure!.Id, from, through, b.Kind!.Value, b.Reason ?? "");
            var after = await changes.DecideAsync(authority, new Domain.Catalogue.MarkPeriods(mark), request.Preconditions, cancellationToken);
            return ScheduleResponse.From(authority, after);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/authorities/{authority}/schedule/marks", async (string authority, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var schedule = await mediator.Send(new Command(authority, body, Conditional.From(http.Request)), ct);
                http.Response.Headers.ETag = schedule.ETag;
                return schedule;
            })
            .ProducesProblem(422)
            .WithTags("Catalogue").WithSummary("Mark periods of a scheduled measure as not applicable (\"schools closed\"), awaiting a partner (\"awaiting Health\") or definition changed, with a reason shown wherever the figure is missing. Catalogue scope.");
}
