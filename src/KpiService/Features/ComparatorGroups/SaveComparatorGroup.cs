using FluentValidation;
using KpiService.Common;
using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.ComparatorGroups;

/// <summary>
/// Groups are shared: another authority's benchmark target may average over one. So a group has an owner (an
/// authority, or the operator) and only a client with <c>targets</c> over the owner (or admin, for operator groups)
/// may change it; the owner never changes.
/// </summary>
public static class SaveComparatorGroup
{
    /// <param name="Members">GSS codes or LA numbers, at most 200.</param>
    /// <param name="Owner">The authority that keeps the group (GSS code or LA number). Defaults to the client's one authority; omit as admin for an operator group.</param>
    public sealed record Body(string? Name, IReadOnlyList<string>? Members, string? Owner = null);

    public sealed record Command(string Id, Body Body, Preconditions Preconditions) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Targets;
    }

    public sealed record Result(GroupDefinition Group, string ETag, bool Created);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReferenceStore reference)
        {
            RuleFor(c => c.Id).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("must be lower-case words joined by hyphens.").MaximumLength(80)
                .Must(id => id is not ("neighbours" or "region" or "england")).WithMessage("is reserved for the built-in groups.");
            RuleFor(c => c.Body.Name).NotEmpty().PlainText(200).OverridePropertyName("name");
            RuleFor(c => c.Body.Members).NotEmpty().Must(m => m!.Count <= 200).WithMessage("has at most 200 members.").OverridePropertyName("members");
            RuleForEach(c => c.Body.Members).Must(m => reference.Current.FindAuthority(m) is not null)
                .WithMessage((_, m) => $"'{m}' is not a known GSS code or LA number.").OverridePropertyName("members");
            RuleFor(c => c.Body.Owner).Must(o => reference.Current.FindAuthority(o!) is not null).When(c => c.Body.Owner is not null)
                .WithMessage(c => $"'{c.Body.Owner}' is not a known GSS code or LA number.").OverridePropertyName("owner");
        }
    }

    public sealed class Handler(ReferenceStore reference, StreamWrites writes, CurrentClient client) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var members = request.Body.Members!.Select(m => current.FindAuthority(m)!.LaNumber).Distinct().ToList();
            var existing = current.Groups.GetValueOrDefault(request.Id);
            var owner = existing is not null ? existing.Owner : OwnerOfNewGroup(request.Body.Owner, current);
            RequireRightsOver(owner, request.Id, current);
            var proposedOwner = request.Body.Owner is { } named ? current.FindAuthority(named)!.LaNumber : owner;
            var saved = new ComparatorGroupSaved(request.Id, request.Body.Name!, members, proposedOwner);
            var written = await writes.WriteAsync(ReferenceStreams.Group(request.Id), request.Preconditions, $"comparator group '{request.Id}'",
                history => ReferenceDecisions.SaveGroup(history, saved), cancellationToken);
            return new Result(GroupDefinition.From(saved, current), written.ETag, written.Created);
        }

        private int? OwnerOfNewGroup(string? named, ReferenceSnapshot current)
        {
            if (named is not null) return current.FindAuthority(named)!.LaNumber;
            if (client.Has(Scopes.Admin)) return null;
            return client.AuthoritiesFor(Scopes.Targets) is [var only] ? only
                : throw ValidationFailedException.Of("owner", "is required: name the authority that keeps this group (this client sets targets for more than one).");
        }

        private void RequireRightsOver(int? owner, string id, ReferenceSnapshot current)
        {
            if (owner is null ? client.Has(Scopes.Admin) : client.Has(Scopes.Targets, owner)) return;
            throw new ForbiddenException(owner is null
                ? $"Comparator group '{id}' is kept by the operator: only admin may change it."
                : $"Comparator group '{id}' is kept by {current.Authorities[owner.Value].Name}: this client does not set targets for it.");
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/comparator-groups/{id}", async (string id, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Command(id, body, Conditional.From(http.Request)), ct);
                http.Response.Headers.ETag = result.ETag;
                return result.Created ? Results.Created($"/api/v1/comparator-groups/{Uri.EscapeDataString(id)}", result.Group) : Results.Ok(result.Group);
            })
            .Produces<GroupDefinition>(200).Produces<GroupDefinition>(201).ProducesProblem(403).ProducesProblem(422)
            .WithTags("Comparator groups").WithSummary("Create or replace a named set of authorities to compare with (e.g. Slough with Bexley, Kingston, Redbridge). The group is kept by its owner authority (or the operator); only they change it. If-Match / If-None-Match: * make it conditional.");
}
