using FluentValidation;
using KpiService.Common;
using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.ComparatorGroups;

public static class SaveComparatorGroup
{
    /// <param name="Members">GSS codes or LA numbers, at most 200.</param>
    public sealed record Body(string? Name, IReadOnlyList<string>? Members);

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
        }
    }

    public sealed class Handler(ReferenceStore reference, StreamWrites writes) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var members = request.Body.Members!.Select(m => reference.Current.FindAuthority(m)!.LaNumber).Distinct().ToList();
            var existing = reference.Current.Groups.GetValueOrDefault(request.Id);
            var saved = new ComparatorGroupSaved(request.Id, request.Body.Name!, members, existing?.Owner);
            var written = await writes.WriteAsync(ReferenceStreams.Group(request.Id), request.Preconditions, $"comparator group '{request.Id}'",
                history => ReferenceDecisions.SaveGroup(history, saved), cancellationToken);
            return new Result(GroupDefinition.From(saved, reference.Current), written.ETag, written.Created);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/comparator-groups/{id}", async (string id, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Command(id, body, Conditional.From(http.Request)), ct);
                http.Response.Headers.ETag = result.ETag;
                return result.Created ? Results.Created($"/api/v1/comparator-groups/{Uri.EscapeDataString(id)}", result.Group) : Results.Ok(result.Group);
            })
            .Produces<GroupDefinition>(200).Produces<GroupDefinition>(201).ProducesProblem(422)
            .WithTags("Comparator groups").WithSummary("Create or replace a named set of authorities to compare with (e.g. Slough with Bexley, Kingston, Redbridge). If-Match / If-None-Match: * make it conditional.");
}
