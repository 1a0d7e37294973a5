using FluentValidation;
using KpiService.Domain.Reference;
using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.ComparatorGroups;

public static class SaveComparatorGroup
{
    public sealed record Body(string? Name, IReadOnlyList<string>? Members);

    public sealed record Command(string Id, Body Body) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Targets;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReferenceStore reference)
        {
            RuleFor(c => c.Id).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("must be lower-case words joined by hyphens.").MaximumLength(80)
                .Must(id => id is not ("neighbours" or "region" or "england")).WithMessage("is reserved for the built-in groups.");
            RuleFor(c => c.Body.Name).NotEmpty().MaximumLength(200).OverridePropertyName("name");
            RuleFor(c => c.Body.Members).NotEmpty().Must(m => m!.Count <= 200).WithMessage("has at most 200 members.").OverridePropertyName("members");
            RuleForEach(c => c.Body.Members).Must(m => reference.Current.FindAuthority(m) is not null)
                .WithMessage((_, m) => $"'{m}' is not a known GSS code or LA number.").OverridePropertyName("members");
        }
    }

    public sealed class Handler(ReferenceStore reference, ReferenceChanges changes) : IRequestHandler<Command, object>
    {
        public async Task<object> Handle(Command request, CancellationToken cancellationToken)
        {
            var members = request.Body.Members!.Select(m => reference.Current.FindAuthority(m)!.LaNumber).Distinct().ToList();
            var saved = new ComparatorGroupSaved(request.Id, request.Body.Name!, members);
            await changes.RecordAsync($"group:{request.Id}", saved, cancellationToken);
            return GetComparatorGroup.ToDto(saved, reference.Current);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/comparator-groups/{id}", (string id, Body body, IMediator mediator, CancellationToken ct) => mediator.Send(new Command(id, body), ct))
            .WithTags("Comparator groups").WithSummary("Create or replace a named set of authorities to compare with (e.g. Slough with Bexley, Kingston, Redbridge).");
}
