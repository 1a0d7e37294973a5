using KpiService.Common;
using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.ReadModels.Benchmarks;
using KpiService.ReadModels.Reference;
using Marten;
using MediatR;

namespace KpiService.Features.Peers;

public static class WithdrawBenchmarks
{
    public const int MaxReasonLength = 500;

    /// <param name="Source">The source that published the figures, as GET /api/v1/benchmarks lists it (LAIT).</param>
    /// <param name="Reason">Why they are withdrawn (a wrong file, a superseded release): plain text, kept in the log.</param>
    public sealed record Command(string Source, string Measure, string? Reason) : IRequest<Withdrawn>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    /// <param name="Figures">How many figures (values and marks) the source had published for the measure; comparisons no longer use them.</param>
    public sealed record Withdrawn(string Source, string Measure, int Figures, string? Reason);

    public sealed class Handler(ReferenceStore reference, BenchmarkSets sets, IDocumentSession session) : IRequestHandler<Command, Withdrawn>
    {
        public async Task<Withdrawn> Handle(Command request, CancellationToken cancellationToken)
        {
            var measure = reference.Current.MeasureByIdOrCode(request.Measure);
            if (Domain.PlainText.Problem(request.Reason, MaxReasonLength, multiline: true, required: false) is { } problem)
                throw ValidationFailedException.Of("reason", problem);
            var figures = await sets.CountAsync(request.Source, measure.Id, cancellationToken);
            if (figures == 0)
                throw new NotFoundException($"'{request.Source}' has no published figures of '{measure.Id}' to withdraw: GET /api/v1/benchmarks lists what is held.");

            // An event like every change: the log keeps what was published and when it was withdrawn.
            var stream = ReferenceStreams.Benchmarks(request.Source, measure.Id);
            var state = await session.Events.FetchStreamStateAsync(stream, cancellationToken);
            session.Events.Append(stream, (state?.Version ?? 0) + 1, new BenchmarksWithdrawn(request.Source, measure.Id, Domain.PlainText.NullIfBlank(request.Reason)));
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (StoreFailures.IsConflict(e))
            {
                throw new ConflictException($"Figures from '{request.Source}' for '{measure.Id}' were changed by another request at the same moment; nothing was withdrawn. Look again.");
            }
            return new Withdrawn(request.Source, measure.Id, figures, Domain.PlainText.NullIfBlank(request.Reason));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/benchmarks/{source}/measures/{measure}", (string source, string measure, string? reason, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new Command(source, measure, reason), ct))
            .WithTags("Peers").WithSummary(
                "Withdraw a source's published figures of one measure (a wrong file, a superseded release): an event, so the log keeps them, but comparisons, "
                + "leagues and dashboards stop using them at once. Import the file again to restore them. Admin.");
}
