using KpiService.Common;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.WorkingDays;

public static class CountWorkingDays
{
    public sealed record Query(DateOnly? From, DateOnly? To) : IRequest<WorkingDaysCount>;

    public sealed record WorkingDaysCount(DateOnly From, DateOnly To, int WorkingDays, string Convention);

    public sealed class Handler(BankHolidays holidays) : IRequestHandler<Query, WorkingDaysCount>
    {
        public Task<WorkingDaysCount> Handle(Query request, CancellationToken cancellationToken)
        {
            var problems = new List<(string, string)>();
            if (request.From is null) problems.Add(("from", "is required (yyyy-MM-dd)."));
            if (request.To is null) problems.Add(("to", "is required (yyyy-MM-dd)."));
            if (request.From > request.To) problems.Add(("to", "is before from."));
            foreach (var (field, date) in new[] { ("from", request.From), ("to", request.To) })
                if (date is { } d && (d < holidays.First || d > holidays.Last))
                    problems.Add((field, $"bank holidays are known from {holidays.First:yyyy-MM-dd} to {holidays.Last:yyyy-MM-dd} only."));
            if (problems.Count > 0) throw ValidationFailedException.Of(problems);
            var workingDays = holidays.WorkingDays.Count(request.From!.Value, request.To!.Value);
            return Task.FromResult(new WorkingDaysCount(request.From.Value, request.To.Value, workingDays, "Monday to Friday less England and Wales bank holidays; the start date is day 1."));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/working-days", (string? from, string? to, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(IsoTimestamp.ParseDate("from", from), IsoTimestamp.ParseDate("to", to)), ct))
            .WithTags("Working days").WithSummary("Working days from one date to another, the start date counting as day 1 (as DfE's census validators count).");
}
