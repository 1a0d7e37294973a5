using FluentValidation;
using KpiService.Common;
using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Clients;

/// <summary>Withdraws a client's key for good (admin): refused at once on every replica, open WatchRatings streams end.</summary>
public static class RevokeClient
{
    public sealed record Body(string? Reason);

    public sealed record Command(string Id, Body Body) : IRequest<ClientResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body.Reason).NotEmpty().PlainText(500).OverridePropertyName("reason");
    }

    public sealed class Handler(ReferenceStore reference, StreamWrites writes, TimeProvider clock) : IRequestHandler<Command, ClientResponse>
    {
        public async Task<ClientResponse> Handle(Command request, CancellationToken cancellationToken)
        {
            if (!reference.Current.Clients.ContainsKey(request.Id)) throw new NotFoundException($"No client '{request.Id}'.");
            await writes.WriteAsync(ReferenceStreams.Client(request.Id), Preconditions.None, $"client {request.Id}",
                history => AccessDecisions.Revoke(history, new ClientRevoked(request.Id, request.Body.Reason!)), cancellationToken);
            var current = reference.Current;
            return ClientResponse.From(current.Clients[request.Id], current, clock.GetUtcNow(), null);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/clients/{id}/revocation", (string id, Body body, IMediator mediator, CancellationToken ct) => mediator.Send(new Command(id, body), ct))
            .WithTags("Access").WithSummary("Revoke a client's key for good, with a reason: refused from now on every replica, its open streams end. Admin.");
}
