using Grpc.Core;
using KpiService.Common;
using KpiService.Features.Authorities;
using KpiService.Features.ComparatorGroups;
using KpiService.Features.Measures;
using KpiService.Features.WorkingDays;
using MediatR;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Services;

/// <summary>kpi.v1.ReferenceData: authorities, neighbours, population, dimensions, measures, comparator groups and working days.</summary>
public sealed class ReferenceDataService(IMediator mediator) : V1.ReferenceData.ReferenceDataBase
{
    public override async Task<V1.AuthorityList> ListAuthorities(V1.ListAuthoritiesRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.AuthorityList>(new { authorities = await mediator.Send(new ListAuthorities.Query(r.IncludeFormer), context.CancellationToken) });

    public override async Task<V1.MeasureList> ListMeasures(V1.ListMeasuresRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.MeasureList>(new { measures = await mediator.Send(new ListMeasures.Query(ProtoJson.Text(r.Area)), context.CancellationToken) });

    public override async Task<V1.GetAuthorityResponse> GetAuthority(V1.GetAuthorityRequest r, ServerCallContext context) =>
        new() { Authority = ProtoJson.To<V1.Authority>(await mediator.Send(new GetAuthority.Query(r.Authority), context.CancellationToken)) };

    public override async Task<V1.GetNeighboursResponse> GetNeighbours(V1.GetNeighboursRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.GetNeighboursResponse>(await mediator.Send(new GetNeighbours.Query(r.Authority, r.Model), context.CancellationToken));

    public override async Task<V1.SetPopulationResponse> SetPopulation(V1.SetPopulationRequest r, ServerCallContext context)
    {
        var result = await mediator.Send(new SetPopulation.Command(r.Authority, r.Year, r.Aged0To17, ProtoJson.Text(r.Source),
            ProtoJson.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken);
        return new() { Population = ProtoJson.To<V1.Population>(result.Population), Etag = result.ETag, Changed = result.Changed };
    }

    public override async Task<V1.DeclareDimensionResponse> DeclareDimension(V1.DeclareDimensionRequest r, ServerCallContext context)
    {
        var result = await mediator.Send(new DeclareDimension.Command(r.Authority, r.Dimension, ProtoJson.Body<DeclareDimension.Body>(r),
            ProtoJson.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken);
        return new() { Dimension = ProtoJson.To<V1.Dimension>(result.Dimension), Etag = result.ETag, Created = result.Created };
    }

    public override async Task<V1.GetMeasureResponse> GetMeasure(V1.GetMeasureRequest r, ServerCallContext context)
    {
        var result = await mediator.Send(new GetMeasure.Query(r.Measure), context.CancellationToken);
        return new() { Measure = ProtoJson.To<V1.Measure>(result.Measure), Etag = result.ETag };
    }

    public override async Task<V1.DefineMeasureResponse> DefineMeasure(V1.DefineMeasureRequest r, ServerCallContext context)
    {
        var result = await mediator.Send(new DefineMeasure.Command(r.Measure, ProtoJson.Body<DefineMeasure.Body>(r.Definition),
            ProtoJson.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken);
        return new() { Measure = ProtoJson.To<V1.Measure>(result.Measure), Etag = result.ETag, Created = result.Created };
    }

    public override async Task<V1.GetComparatorGroupResponse> GetComparatorGroup(V1.GetComparatorGroupRequest r, ServerCallContext context)
    {
        var result = await mediator.Send(new GetComparatorGroup.Query(r.Id), context.CancellationToken);
        return new() { Group = ProtoJson.To<V1.ComparatorGroup>(result.Group), Etag = result.ETag };
    }

    public override async Task<V1.SaveComparatorGroupResponse> SaveComparatorGroup(V1.SaveComparatorGroupRequest r, ServerCallContext context)
    {
        var result = await mediator.Send(new SaveComparatorGroup.Command(r.Id, ProtoJson.Body<SaveComparatorGroup.Body>(r),
            ProtoJson.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken);
        return new() { Group = ProtoJson.To<V1.ComparatorGroup>(result.Group), Etag = result.ETag, Created = result.Created };
    }

    public override async Task<V1.CountWorkingDaysResponse> CountWorkingDays(V1.CountWorkingDaysRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.CountWorkingDaysResponse>(await mediator.Send(
            new CountWorkingDays.Query(IsoTimestamp.ParseDate("from", ProtoJson.Text(r.From)), IsoTimestamp.ParseDate("to", ProtoJson.Text(r.To))), context.CancellationToken));
}
