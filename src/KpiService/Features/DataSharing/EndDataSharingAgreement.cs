using FluentValidation;
using KpiService.Common;
using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.DataSharing;

/// <summary>Ends an agreement (admin): its members' in-year values are shown to each other only in aggregates again.</summary>
public static class EndDataSharingAgreement
{
    /// <param name="Reason">Why the agreement ends (plain text, up to 500 characters; kept in its history).</param>
    public sealed record Command(string Id, string? Reason) : IRequest<Ended>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    public sealed record Ended(string Id, string Reason);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().PlainText(500).OverridePropertyName("reason");
    }

    public sealed class Handler(ReferenceStore reference, StreamWrites writes) : IRequestHandler<Command, Ended>
    {
        public async Task<Ended> Handle(Command request, CancellationToken cancellationToken)
        {
            if (!reference.Current.SharingAgreements.ContainsKey(request.Id)) throw new NotFoundException($"No data-sharing agreement '{request.Id}' in force.");
            await writes.WriteAsync(ReferenceStreams.DataSharing(request.Id), Preconditions.None, $"data-sharing agreement '{request.Id}'",
                history => AccessDecisions.EndSharing(history, new DataSharingEnded(request.Id, request.Reason!)), cancellationToken);
            return new Ended(request.Id, request.Reason!);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/data-sharing-agreements/{id}", async (string id, string? reason, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(id, reason), ct);
                return Results.NoContent();
            })
            .Produces(204)
            .WithTags("Data sharing").WithSummary("End a data-sharing agreement, with a reason: 204, and its members' in-year values are shown to each other only in aggregates again. Admin.");
}
