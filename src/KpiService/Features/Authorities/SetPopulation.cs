using FluentValidation;
using KpiService.Common;
using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Authorities;

public static class SetPopulation
{
    /// <param name="Aged0To17">Children aged 0–17 living in the authority that year (the denominator of rates per 10,000).</param>
    /// <param name="Source">Where the figure comes from (ONS mid-year estimate…); plain text.</param>
    public sealed record Body(double? Aged0To17, string? Source);

    public sealed record Command(string Authority, int Year, double? Aged0To17, string? Source, Preconditions Preconditions) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    public sealed record PopulationResponse(AuthorityReference Authority, int Year, double Aged0To17, string Source);

    public sealed record Result(PopulationResponse Population, string ETag, bool Changed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Year).InclusiveBetween(1990, 2100);
            RuleFor(c => c.Aged0To17).NotNull().GreaterThan(0).LessThan(10_000_000);
            RuleFor(c => c.Source).PlainText(200);
        }
    }

    public sealed class Handler(ReferenceStore reference, StreamWrites writes, CurrentClient client) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var authority = reference.Current.Authority(request.Authority);
            var set = new PopulationSet(authority.LaNumber, request.Year, request.Aged0To17!.Value, request.Source ?? $"set by {client.Name}");
            var written = await writes.WriteAsync(ReferenceStreams.Authority(authority.LaNumber), request.Preconditions, $"the record of {authority.Name}",
                history => ReferenceDecisions.SetPopulation(history, set), cancellationToken);
            return new Result(new PopulationResponse(authority.ToReference(), request.Year, set.Aged0To17, set.Source), written.ETag, written.Changed);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/authorities/{authority}/population/{year:int}", async (string authority, int year, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Command(authority, year, body.Aged0To17, body.Source, Conditional.From(http.Request)), ct);
                http.Response.Headers.ETag = result.ETag;
                return result.Population;
            })
            .ProducesProblem(422)
            .WithTags("Reference data").WithSummary("Replace the population aged 0–17 for a year (the denominator of rates per 10,000). If-Match with the authority record's ETag guards against a concurrent change. Admin.");
}
