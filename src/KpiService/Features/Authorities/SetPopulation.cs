using FluentValidation;
using KpiService.Domain.Reference;
using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Authorities;

public static class SetPopulation
{
    public sealed record Body(double? Aged0To17, string? Source);

    public sealed record Command(string Authority, int Year, double? Aged0To17, string? Source) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Year).InclusiveBetween(1990, 2100);
            RuleFor(c => c.Aged0To17).NotNull().GreaterThan(0).LessThan(10_000_000);
            RuleFor(c => c.Source).MaximumLength(200);
        }
    }

    public sealed class Handler(ReferenceStore reference, ReferenceChanges changes, CurrentClient client) : IRequestHandler<Command, object>
    {
        public async Task<object> Handle(Command request, CancellationToken cancellationToken)
        {
            var authority = reference.Current.Authority(request.Authority);
            var set = new PopulationSet(authority.LaNumber, request.Year, request.Aged0To17!.Value, request.Source ?? $"set by {client.Name}");
            await changes.RecordAsync($"authority:{authority.LaNumber}", set, cancellationToken);
            return new { authority = authority.ToReference(), year = request.Year, aged0To17 = set.Aged0To17, source = set.Source };
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/authorities/{authority}/population/{year:int}", (string authority, int year, Body body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new Command(authority, year, body.Aged0To17, body.Source), ct))
            .WithTags("Reference data").WithSummary("Replace the population aged 0–17 for a year (the denominator of rates per 10,000). Admin.");
}
