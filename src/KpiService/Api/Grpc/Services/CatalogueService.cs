using Grpc.Core;
using KpiService.Common;
using KpiService.Domain.Ratings;
using KpiService.Features.Catalogue;
using MediatR;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Services;

/// <summary>kpi.v1.Catalogue: a council's own catalogue, schedule, marks, overdue report and commentary, as REST has them.</summary>
public sealed class CatalogueService(IMediator mediator) : V1.Catalogue.CatalogueBase
{
    public override async Task<V1.DefineLocalMeasureResponse> DefineLocalMeasure(V1.DefineLocalMeasureRequest r, ServerCallContext context)
    {
        var result = await mediator.Send(new DefineLocalMeasure.Command(r.Authority, r.Measure, ProtoJson.Body<DefineLocalMeasure.Body>(r.Definition),
            ProtoJson.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken);
        return new() { Measure = ProtoJson.To<V1.Measure>(result.Measure), Etag = result.ETag, Created = result.Created };
    }

    public override async Task<V1.SetLocalNameResponse> SetLocalName(V1.SetLocalNameRequest r, ServerCallContext context) =>
        new() { Catalogue = Catalogue(await mediator.Send(new SetLocalName.Command(r.Authority, r.Measure, ProtoJson.Body<SetLocalName.Body>(r),
            ProtoJson.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken)) };

    public override async Task<V1.SetPerformanceGroupsResponse> SetPerformanceGroups(V1.SetPerformanceGroupsRequest r, ServerCallContext context) =>
        new() { Catalogue = Catalogue(await mediator.Send(new SetPerformanceGroups.Command(r.Authority, r.Measure, ProtoJson.Body<SetPerformanceGroups.Body>(r),
            ProtoJson.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken)) };

    public override async Task<V1.SetLabelSchemeResponse> SetLabelScheme(V1.SetLabelSchemeRequest r, ServerCallContext context)
    {
        // REST's body is the labels object itself; read through the same converters (statuses by their lowerCamel names).
        var labels = ProtoJson.Body<LabelsBody>(r).Labels ?? [];
        return new() { Catalogue = Catalogue(await mediator.Send(new SetLabelScheme.Command(r.Authority, labels, ProtoJson.Conditions(r.IfMatch, r.IfNoneMatch)),
            context.CancellationToken)) };
    }

    public override async Task<V1.GetAuthorityCatalogueResponse> GetAuthorityCatalogue(V1.GetAuthorityCatalogueRequest r, ServerCallContext context) =>
        new() { Catalogue = Catalogue(await mediator.Send(new GetAuthorityCatalogue.Query(r.Authority), context.CancellationToken)) };

    public override async Task<V1.ListAuthorityMeasuresResponse> ListAuthorityMeasures(V1.ListAuthorityMeasuresRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.ListAuthorityMeasuresResponse>(new { measures = await mediator.Send(new ListAuthorityMeasures.Query(r.Authority, ProtoJson.Text(r.Area)), context.CancellationToken) });

    public override async Task<V1.SetScheduleResponse> SetSchedule(V1.SetScheduleRequest r, ServerCallContext context) =>
        new() { Schedule = ProtoJson.To<V1.Schedule>(await mediator.Send(new SetSchedule.Command(r.Authority, ProtoJson.Body<SetSchedule.Body>(r),
            ProtoJson.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken)) };

    public override async Task<V1.GetScheduleResponse> GetSchedule(V1.GetScheduleRequest r, ServerCallContext context) =>
        new() { Schedule = ProtoJson.To<V1.Schedule>(await mediator.Send(new GetSchedule.Query(r.Authority), context.CancellationToken)) };

    public override async Task<V1.MarkPeriodsResponse> MarkPeriods(V1.MarkPeriodsRequest r, ServerCallContext context) =>
        new() { Schedule = ProtoJson.To<V1.Schedule>(await mediator.Send(new MarkPeriods.Command(r.Authority, ProtoJson.Body<MarkPeriods.Body>(r),
            ProtoJson.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken)) };

    public override async Task<V1.GetOverdueResponse> GetOverdue(V1.GetOverdueRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.GetOverdueResponse>(await mediator.Send(new GetOverdue.Query(IsoTimestamp.ParseDate("since", ProtoJson.Text(r.Since))), context.CancellationToken));

    public override async Task<V1.WriteCommentaryResponse> WriteCommentary(V1.WriteCommentaryRequest r, ServerCallContext context)
    {
        var result = await mediator.Send(new WriteCommentary.Command(r.Authority, r.Measure, r.Period, ProtoJson.Text(r.Breakdown), ProtoJson.Body<WriteCommentary.Body>(r),
            ProtoJson.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken);
        return new() { Commentary = ProtoJson.To<V1.CommentaryThread>(result.Commentary), Created = result.Created };
    }

    public override async Task<V1.GetCommentaryResponse> GetCommentary(V1.GetCommentaryRequest r, ServerCallContext context) =>
        new() { Commentary = ProtoJson.To<V1.CommentaryThread>(await mediator.Send(
            new GetCommentary.Query(r.Authority, r.Measure, r.Period, ProtoJson.Text(r.Breakdown)), context.CancellationToken)) };

    public override async Task<V1.WithdrawCommentaryResponse> WithdrawCommentary(V1.WithdrawCommentaryRequest r, ServerCallContext context) =>
        new() { Commentary = ProtoJson.To<V1.CommentaryThread>(await mediator.Send(
            new WithdrawCommentary.Command(r.Authority, r.Measure, r.Period, ProtoJson.Text(r.Breakdown), ProtoJson.Conditions(r.IfMatch)), context.CancellationToken)) };

    /// <summary>A proto map cannot hold a list, so each measure's bands sit in a PerformanceGroups message; the rest maps by name.</summary>
    private static V1.AuthorityCatalogue Catalogue(CatalogueResponse c) => ProtoJson.To<V1.AuthorityCatalogue>(new
    {
        c.Authority, c.LocalMeasures, c.LocalNames, PerformanceGroups = c.PerformanceGroups.ToDictionary(p => p.Key, p => new { Bands = p.Value }), c.Labels, c.ETag,
    });

    private sealed record LabelsBody(Dictionary<RagStatus, Domain.Catalogue.StatusLabel>? Labels);
}
