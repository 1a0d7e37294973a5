using FluentValidation;
using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.Common;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Authorities;

public static class DeclareDimension
{
    public sealed record Body(IReadOnlyList<string>? Values);

    /// <summary>Localities and teams differ between councils, so each authority declares its own dimensions and values.</summary>
    public sealed record Command(string Authority, string Dimension, Body Body) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Targets;
        public string? AuthorityCode => Authority;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReferenceStore reference)
        {
            RuleFor(c => c.Authority).Must(a => reference.Current.FindAuthority(a) is not null).WithMessage(c => $"'{c.Authority}' is not a known GSS code or LA number.");
            RuleFor(c => c.Dimension).Must(Domain.Figures.Breakdown.IsDimensionName).WithMessage("must be a short camelCase name, e.g. locality, team, ageBand.");
            RuleFor(c => c.Body.Values).NotEmpty().Must(v => v!.Count <= 500).WithMessage("holds at most 500 values.").OverridePropertyName("values");
            RuleForEach(c => c.Body.Values).NotEmpty().MaximumLength(100).Must(v => !v!.Contains(':') && v.Trim() == v)
                .WithMessage("must not contain ':' or leading/trailing spaces.").OverridePropertyName("values");
            RuleFor(c => c.Body.Values).Must(v => v is null || v.Distinct().Count() == v.Count).WithMessage("are not distinct.").OverridePropertyName("values");
        }
    }

    public sealed class Handler(ReferenceStore reference, ReferenceChanges changes) : IRequestHandler<Command, object>
    {
        public async Task<object> Handle(Command request, CancellationToken cancellationToken)
        {
            var authority = reference.Current.Authority(request.Authority);
            var declared = new DimensionDeclared(authority.LaNumber, request.Dimension, request.Body.Values!);
            await changes.RecordAsync($"dimension:{authority.LaNumber}:{request.Dimension}", declared, cancellationToken);
            return new { authority = authority.ToReference(), dimension = declared.Dimension, values = declared.Values };
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/authorities/{authority}/dimensions/{dimension}", (string authority, string dimension, Body body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new Command(authority, dimension, body), ct))
            .WithTags("Breakdowns").WithSummary("Declare a breakdown dimension (locality, team, ageBand…) and its allowed values for an authority.");
}
