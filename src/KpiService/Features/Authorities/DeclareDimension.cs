using FluentValidation;
using KpiService.Common;
using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Authorities;

public static class DeclareDimension
{
    /// <param name="Values">Every allowed value (e.g. the localities), at most 500; values with figures stored cannot be dropped.</param>
    public sealed record Body(IReadOnlyList<string>? Values);

    /// <summary>Localities and teams differ between councils, so each authority declares its own dimensions and values.</summary>
    public sealed record Command(string Authority, string Dimension, Body Body, Preconditions Preconditions) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Targets;
        public string? AuthorityCode => Authority;
    }

    public sealed record Result(DimensionResponse Dimension, string ETag, bool Created);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReferenceStore reference)
        {
            RuleFor(c => c.Authority).Must(a => reference.Current.FindAuthority(a) is not null).WithMessage(c => $"'{c.Authority}' is not a known GSS code or LA number.");
            RuleFor(c => c.Dimension).Must(Domain.Figures.Breakdown.IsDimensionName).WithMessage("must be a short camelCase name, e.g. locality, team, ageBand.");
            RuleFor(c => c.Body.Values).NotEmpty().Must(v => v!.Count <= 500).WithMessage("holds at most 500 values.").OverridePropertyName("values");
            RuleForEach(c => c.Body.Values).NotEmpty().PlainText(100).OverridePropertyName("values");
            RuleForEach(c => c.Body.Values).Must(v => v is null || (!v.Contains(':') && v.Trim() == v))
                .WithMessage("must not contain ':' or leading/trailing spaces.").OverridePropertyName("values");
            RuleFor(c => c.Body.Values).Must(v => v is null || v.Distinct().Count() == v.Count).WithMessage("are not distinct.").OverridePropertyName("values");
        }
    }

    public sealed class Handler(ReferenceStore reference, StreamWrites writes, FigureQueries figures) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var authority = reference.Current.Authority(request.Authority);
            var declared = new DimensionDeclared(authority.LaNumber, request.Dimension, request.Body.Values!);
            var inUse = await figures.GetBreakdownValuesAsync(authority.LaNumber, request.Dimension, cancellationToken);
            var written = await writes.WriteAsync(ReferenceStreams.Dimension(authority.LaNumber, request.Dimension), request.Preconditions,
                $"the {request.Dimension} dimension of {authority.Name}", history => ReferenceDecisions.DeclareDimension(history, declared, inUse), cancellationToken);
            return new Result(new DimensionResponse(authority.ToReference(), declared.Dimension, declared.Values), written.ETag, written.Created);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/authorities/{authority}/dimensions/{dimension}", async (string authority, string dimension, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Command(authority, dimension, body, Conditional.From(http.Request)), ct);
                http.Response.Headers.ETag = result.ETag;
                return result.Created
                    ? Results.Created($"/api/v1/authorities/{Uri.EscapeDataString(authority)}/dimensions/{Uri.EscapeDataString(dimension)}", result.Dimension)
                    : Results.Ok(result.Dimension);
            })
            .Produces<DimensionResponse>(200).Produces<DimensionResponse>(201).ProducesProblem(422)
            .WithTags("Breakdowns").WithSummary("Declare a breakdown dimension (locality, team, ageBand…) and its allowed values for an authority. Values with figures cannot be dropped.");
}
