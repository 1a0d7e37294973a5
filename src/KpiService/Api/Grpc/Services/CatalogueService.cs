using Grpc.Core;
using KpiService.Api.Grpc.Mapping;
using KpiService.Common;
using KpiService.Features.Catalogue;
using MediatR;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Services;

/// <summary>kpi.v1.Catalogue: a council's own catalogue, schedule, marks, overdue report and commentary, as REST has them.</summary>
public sealed class CatalogueService(IMediator mediator) : V1.Catalogue.CatalogueBase
{
    public override async Task<V1.DefineLocalMeasureResponse> DefineLocalMeasure(V1.DefineLocalMeasureRequest r, ServerCallContext context) =>
        (await mediator.Send(new DefineLocalMeasure.Command(r.Authority, r.Measure, r.Definition.ToLocalBody(), Proto.Conditions(r.IfMatch, r.IfNoneMatch)),
            context.CancellationToken)).ToMessage();

    public override async Task<V1.SetLocalNameResponse> SetLocalName(V1.SetLocalNameRequest r, ServerCallContext context) =>
        new() { Catalogue = (await mediator.Send(new SetLocalName.Command(r.Authority, r.Measure, r.ToBody(), Proto.Conditions(r.IfMatch, r.IfNoneMatch)),
            context.CancellationToken)).ToMessage() };

    public override async Task<V1.SetPerformanceGroupsResponse> SetPerformanceGroups(V1.SetPerformanceGroupsRequest r, ServerCallContext context) =>
        new() { Catalogue = (await mediator.Send(new SetPerformanceGroups.Command(r.Authority, r.Measure, r.ToBody(), Proto.Conditions(r.IfMatch, r.IfNoneMatch)),
            context.CancellationToken)).ToMessage() };

    public override async Task<V1.SetLabelSchemeResponse> SetLabelScheme(V1.SetLabelSchemeRequest r, ServerCallContext context) =>
        new() { Catalogue = (await mediator.Send(new SetLabelScheme.Command(r.Authority, r.ToLabels(), Proto.Conditions(r.IfMatch, r.IfNoneMatch)),
            context.CancellationToken)).ToMessage() };

    public override async Task<V1.GetAuthorityCatalogueResponse> GetAuthorityCatalogue(V1.GetAuthorityCatalogueRequest r, ServerCallContext context) =>
        new() { Catalogue = (await mediator.Send(new GetAuthorityCatalogue.Query(r.Authority), context.CancellationToken)).ToMessage() };

    public override async Task<V1.ListAuthorityMeasuresResponse> ListAuthorityMeasures(V1.ListAuthorityMeasuresRequest r, ServerCallContext context) =>
        new() { Measures = { (await mediator.Send(new ListAuthorityMeasures.Query(r.Authority, Proto.Text(r.Area)), context.CancellationToken)).Select(CatalogueProto.ToMessage) } };

    public override async Task<V1.SetScheduleResponse> SetSchedule(V1.SetScheduleRequest r, ServerCallContext context) =>
        new() { Schedule = (await mediator.Send(new SetSchedule.Command(r.Authority, r.ToBody(), Proto.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken)).ToMessage() };

    public override async Task<V1.GetScheduleResponse> GetSchedule(V1.GetScheduleRequest r, ServerCallContext context) =>
        new() { Schedule = (await mediator.Send(new GetSchedule.Query(r.Authority), context.CancellationToken)).ToMessage() };

    public override async Task<V1.MarkPeriodsResponse> MarkPeriods(V1.MarkPeriodsRequest r, ServerCallContext context) =>
        new() { Schedule = (await mediator.Send(new MarkPeriods.Command(r.Authority, r.ToBody(), Proto.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken)).ToMessage() };

    public override async Task<V1.GetOverdueResponse> GetOverdue(V1.GetOverdueRequest r, ServerCallContext context) =>
        (await mediator.Send(new GetOverdue.Query(IsoTimestamp.ParseDate("since", Proto.Text(r.Since))), context.CancellationToken)).ToMessage();

    public override async Task<V1.WriteCommentaryResponse> WriteCommentary(V1.WriteCommentaryRequest r, ServerCallContext context)
    {
        var result = await mediator.Send(new WriteCommentary.Command(r.Authority, r.Measure, r.Period, Proto.Text(r.Breakdown), r.ToBody(),
            Proto.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken);
        return new() { Commentary = result.Commentary.ToMessage(), Created = result.Created };
    }

    public override async Task<V1.GetCommentaryResponse> GetCommentary(V1.GetCommentaryRequest r, ServerCallContext context) =>
        new() { Commentary = (await mediator.Send(new GetCommentary.Query(r.Authority, r.Measure, r.Period, Proto.Text(r.Breakdown)), context.CancellationToken)).ToMessage() };

    public override async Task<V1.WithdrawCommentaryResponse> WithdrawCommentary(V1.WithdrawCommentaryRequest r, ServerCallContext context) =>
        new() { Commentary = (await mediator.Send(new WithdrawCommentary.Command(r.Authority, r.Measure, r.Period, Proto.Text(r.Breakdown), Proto.Conditions(r.IfMatch)),
            context.CancellationToken)).ToMessage() };
}
