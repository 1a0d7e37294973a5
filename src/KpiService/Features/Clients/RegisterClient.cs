using FluentValidation;
using KpiService.Domain.Reference;
using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Clients;

public static class RegisterClient
{
    /// <summary><c>scopes</c> from read, submit, targets, admin; <c>authorities</c> bounds read/submit/targets (["*"] for all).</summary>
    /// <param name="ExpiresAt">When the key stops working (ISO 8601, in the future); omit for no expiry. Rotate before then.</param>
    public sealed record Command(string? Name, IReadOnlyList<string>? Scopes, IReadOnlyList<string>? Authorities, DateTimeOffset? ExpiresAt = null) : IRequest<ClientRegistration>, IAuthorized
    {
        public string RequiredScope => Access.Scopes.Admin;
    }

    /// <param name="Key">The API key, shown this once: only a salted hash is stored.</param>
    public sealed record ClientRegistration(string Id, string Key, string Name, IReadOnlyList<string> Scopes, IReadOnlyList<string> Authorities, DateTimeOffset? ExpiresAt, string Note);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReferenceStore reference, TimeProvider clock)
        {
            RuleFor(c => c.ExpiresAt).Must(e => e is null || e > clock.GetUtcNow()).WithMessage("must be in the future.");
            RuleFor(c => c.Name).NotEmpty().PlainText(200);
            RuleFor(c => c.Scopes).NotEmpty();
            RuleForEach(c => c.Scopes).Must(s => Access.Scopes.All.Contains(s)).WithMessage((_, s) => $"'{s}' is not a scope: read, submit, targets or admin.");
            RuleFor(c => c.Authorities).NotEmpty().When(c => c.Scopes?.Any(s => s != Access.Scopes.Admin) == true)
                .WithMessage("name the authorities the scopes cover, or [\"*\"] for all.");
            RuleForEach(c => c.Authorities).Must(a => a == "*" || reference.Current.FindAuthority(a) is not null)
                .WithMessage((_, a) => $"'{a}' is not a known GSS code or LA number.");
        }
    }

    public sealed class Handler(ReferenceStore reference, Marten.IDocumentSession session) : IRequestHandler<Command, ClientRegistration>
    {
        public async Task<ClientRegistration> Handle(Command request, CancellationToken cancellationToken)
        {
            var all = request.Authorities?.Contains("*") == true;
            var authorities = all ? [] : (request.Authorities ?? []).Select(a => reference.Current.FindAuthority(a)!.LaNumber).Distinct().ToList();
            var grants = request.Scopes!.Distinct().Select(s => new ScopeGrant(s, all || s == Access.Scopes.Admin, authorities)).ToList();
            var (id, key, salt, hash) = ApiKeys.Generate();
            session.Events.StartStream(Domain.Reference.ReferenceStreams.Client(id), new ClientRegistered(id, request.Name!, salt, hash, grants, request.ExpiresAt));
            await session.SaveChangesAsync(cancellationToken);
            return new ClientRegistration(id, key, request.Name!, [.. grants.Select(g => g.Scope)],
                all ? ["*"] : [.. authorities.Select(la => reference.Current.Authorities[la].GssCode ?? la.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                request.ExpiresAt, "The key is shown once: only a salted hash is stored.");
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/clients", async (Command command, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return Results.Created($"/api/v1/clients/{created.Id}", created);
            })
            .Produces<ClientRegistration>(201)
            .WithTags("Access").WithSummary("Register a client system and issue its API key (shown once). Admin.");
}
