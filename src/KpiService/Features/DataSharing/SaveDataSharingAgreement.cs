using FluentValidation;
using KpiService.Common;
using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.DataSharing;

/// <summary>
/// Records that authorities have agreed to see each other's in-year figures (a regional benchmarking club). The
/// operator records it (admin) once the councils have signed; without one, other authorities' submitted values are
/// shown only in aggregates.
/// </summary>
public static class SaveDataSharingAgreement
{
    /// <param name="Members">GSS codes or LA numbers of the authorities that signed, at least two.</param>
    public sealed record Body(string? Name, IReadOnlyList<string>? Members);

    public sealed record Command(string Id, Body Body, Preconditions Preconditions) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    public sealed record Result(AgreementResponse Agreement, string ETag, bool Created);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReferenceStore reference)
        {
            RuleFor(c => c.Id).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("must be lower-case words joined by hyphens.").MaximumLength(80);
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
            var members = request.Body.Members!.Select(m => reference.Current.FindAuthority(m)!.LaNumber).Distinct().Order().ToList();
            var agreed = new DataSharingAgreed(request.Id, request.Body.Name!, members);
            var written = await writes.WriteAsync(ReferenceStreams.DataSharing(request.Id), request.Preconditions, $"data-sharing agreement '{request.Id}'",
                history => AccessDecisions.AgreeSharing(history, agreed), cancellationToken);
            return new Result(AgreementResponse.From(request.Id, agreed.Name, members, reference.Current), written.ETag, written.Created);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/data-sharing-agreements/{id}", async (string id, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Command(id, body, Conditional.From(http.Request)), ct);
                http.Response.Headers.ETag = result.ETag;
                return result.Created ? Results.Created($"/api/v1/data-sharing-agreements/{Uri.EscapeDataString(id)}", result.Agreement) : Results.Ok(result.Agreement);
            })
            .Produces<AgreementResponse>(200).Produces<AgreementResponse>(201)
            .WithTags("Data sharing").WithSummary("Record a data-sharing agreement: its members see each other's in-year values in leagues and comparisons (otherwise only aggregates). "
                + "201 when new, 200 when replaced, with its ETag; If-Match / If-None-Match: * make it conditional. Admin.");
}
