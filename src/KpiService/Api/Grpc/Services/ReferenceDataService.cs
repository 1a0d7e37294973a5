using Grpc.Core;
using KpiService.Api.Grpc.Mapping;
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
        new() { Authorities = { (await mediator.Send(new ListAuthorities.Query(r.IncludeFormer), context.CancellationToken)).Select(ReferenceDataProto.ToMessage) } };

    public override async Task<V1.MeasureList> ListMeasures(V1.ListMeasuresRequest r, ServerCallContext context) =>
        new() { Measures = { (await mediator.Send(new ListMeasures.Query(Proto.Text(r.Area)), context.CancellationToken)).Select(ReferenceDataProto.ToMessage) } };

    public override async Task<V1.GetAuthorityResponse> GetAuthority(V1.GetAuthorityRequest r, ServerCallContext context) =>
        new() { Authority = (await mediator.Send(new GetAuthority.Query(r.Authority), context.CancellationToken)).ToMessage() };

    public override async Task<V1.GetNeighboursResponse> GetNeighbours(V1.GetNeighboursRequest r, ServerCallContext context) =>
        (await mediator.Send(new GetNeighbours.Query(r.Authority, r.Model), context.CancellationToken)).ToMessage();

    public override async Task<V1.SetPopulationResponse> SetPopulation(V1.SetPopulationRequest r, ServerCallContext context) =>
        (await mediator.Send(new SetPopulation.Command(r.Authority, r.Year, r.Aged0To17, Proto.Text(r.Source),
            Proto.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken)).ToMessage();

    /// <remarks>An empty values list is "not sent", as proto3 cannot say otherwise; the validator names it.</remarks>
    public override async Task<V1.DeclareDimensionResponse> DeclareDimension(V1.DeclareDimensionRequest r, ServerCallContext context) =>
        (await mediator.Send(new DeclareDimension.Command(r.Authority, r.Dimension, new DeclareDimension.Body(r.Values.Count == 0 ? null : [.. r.Values]),
            Proto.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken)).ToMessage();

    public override async Task<V1.GetMeasureResponse> GetMeasure(V1.GetMeasureRequest r, ServerCallContext context) =>
        (await mediator.Send(new GetMeasure.Query(r.Measure), context.CancellationToken)).ToMessage();

    public override async Task<V1.DefineMeasureResponse> DefineMeasure(V1.DefineMeasureRequest r, ServerCallContext context) =>
        (await mediator.Send(new DefineMeasure.Command(r.Measure, r.Definition.ToBody(), Proto.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken)).ToMessage();

    public override async Task<V1.GetComparatorGroupResponse> GetComparatorGroup(V1.GetComparatorGroupRequest r, ServerCallContext context) =>
        (await mediator.Send(new GetComparatorGroup.Query(r.Id), context.CancellationToken)).ToMessage();

    public override async Task<V1.SaveComparatorGroupResponse> SaveComparatorGroup(V1.SaveComparatorGroupRequest r, ServerCallContext context) =>
        (await mediator.Send(new SaveComparatorGroup.Command(r.Id, r.ToBody(), Proto.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken)).ToMessage();

    public override async Task<V1.CountWorkingDaysResponse> CountWorkingDays(V1.CountWorkingDaysRequest r, ServerCallContext context) =>
        (await mediator.Send(new CountWorkingDays.Query(IsoTimestamp.ParseDate("from", Proto.Text(r.From)), IsoTimestamp.ParseDate("to", Proto.Text(r.To))),
            context.CancellationToken)).ToMessage();
}
