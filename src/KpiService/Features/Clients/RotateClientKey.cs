using FluentValidation;
using KpiService.Common;
using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Clients;

/// <summary>
/// A new key for a client (admin, or the client itself): the old key stops working as soon as the change is
/// committed, on every replica within a tenth of a second. The new key is shown once.
/// </summary>
public static class RotateClientKey
{
    /// <param name="ExpiresAt">When the new key stops working (ISO 8601, in the future); omit for no expiry.</param>
    public sealed record Body(DateTimeOffset? ExpiresAt);

    public sealed record Command(string Id, Body Body) : IRequest<ClientKey>;

    /// <param name="Key">The new API key, shown this once: only a salted hash is stored.</param>
    public sealed record ClientKey(string Id, string Key, DateTimeOffset? ExpiresAt, string Note);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock) =>
            RuleFor(c => c.Body.ExpiresAt).Must(e => e is null || e > clock.GetUtcNow()).WithMessage("must be in the future.").OverridePropertyName("expiresAt");
    }

    public sealed class Handler(ReferenceStore reference, StreamWrites writes, CurrentClient client) : IRequestHandler<Command, ClientKey>
    {
        public async Task<ClientKey> Handle(Command request, CancellationToken cancellationToken)
        {
            ClientAccess.RequireSelfOrAdmin(client, request.Id);
            if (!reference.Current.Clients.ContainsKey(request.Id)) throw new NotFoundException($"No client '{request.Id}'.");
            var (key, salt, hash) = ApiKeys.GenerateFor(request.Id);
            await writes.WriteAsync(ReferenceStreams.Client(request.Id), Preconditions.None, $"client {request.Id}",
                history => AccessDecisions.RotateKey(history, new ClientKeyRotated(request.Id, salt, hash, request.Body.ExpiresAt)), cancellationToken);
            return new ClientKey(request.Id, key, request.Body.ExpiresAt, "The key is shown once: only a salted hash is stored. The previous key no longer works.");
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/clients/{id}/key", (string id, Body? body, IMediator mediator, CancellationToken ct) => mediator.Send(new Command(id, body ?? new Body(null)), ct))
            .WithTags("Access").WithSummary("Rotate a client's API key: a new key (shown once), the old one refused from now. Admin, or the client itself.");
}
