using Grpc.Core;
using KpiService.Common;
using KpiService.Domain.Figures;
using KpiService.Features.Figures;
using MediatR;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Services;

/// <summary>kpi.v1.Figures: the figure use cases, as REST's /authorities/{a}/measures/{m}/figures and /returns.</summary>
public sealed class FiguresService(IMediator mediator) : V1.Figures.FiguresBase
{
    public override async Task<V1.SubmitFigureResponse> SubmitFigure(V1.SubmitFigureRequest r, ServerCallContext context)
    {
        var body = new SubmitFigure.Body(r.Value, r.Numerator, r.Denominator, ProtoJson.Text(r.Note));
        var result = await mediator.Send(new SubmitFigure.Command(r.Authority, r.Measure, r.Period, ProtoJson.Text(r.Breakdown), body, ProtoJson.Conditions(r.IfMatch)),
            context.CancellationToken);
        return new V1.SubmitFigureResponse { Outcome = result.Outcome.ToString().ToLowerInvariant(), Figure = ProtoJson.To<V1.Figure>(result.Figure) };
    }

    public override async Task<V1.Figure> WithdrawFigure(V1.WithdrawFigureRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.Figure>(await mediator.Send(new WithdrawFigure.Command(r.Authority, r.Measure, r.Period, ProtoJson.Text(r.Breakdown),
            ProtoJson.Text(r.Reason), ProtoJson.Conditions(r.IfMatch)), context.CancellationToken));

    public override async Task<V1.SubmitReturnResponse> SubmitReturn(V1.SubmitReturnRequest r, ServerCallContext context)
    {
        // Each figure's problems are named by its place, as REST names JSON paths: figures[3].period.
        var figures = r.Figures.Select((f, i) => (new FigureInputItem(f.Measure, f.Period, ProtoJson.Text(f.Breakdown),
            f.Value, f.Numerator, f.Denominator, ProtoJson.Text(f.Note)), $"figures[{i}].")).ToList();
        var result = await mediator.Send(new SubmitReturn.Command(r.Authority, new ReturnInput.Parsed(figures, []), ProtoJson.Text(r.IdempotencyKey)), context.CancellationToken);
        return new V1.SubmitReturnResponse
        {
            Accepted = result.Accepted, Revised = result.Revised, Unchanged = result.Unchanged,
            IdempotencyKey = result.IdempotencyKey ?? "", Replayed = result.Replayed == true,
        };
    }

    public override async Task<V1.FigureSeries> GetFigures(V1.GetFiguresRequest r, ServerCallContext context)
    {
        // asAt is read as REST reads it: strict ISO 8601, refused (naming as_at's REST name) otherwise.
        var asAt = IsoTimestamp.Parse("asAt", ProtoJson.Text(r.AsAt));
        return ProtoJson.To<V1.FigureSeries>(await mediator.Send(
            new GetFigures.Query(r.Authority, r.Measure, ProtoJson.Text(r.From), ProtoJson.Text(r.To), asAt, ProtoJson.Text(r.Breakdown)), context.CancellationToken));
    }

    public override async Task<V1.FigureHistory> GetFigureHistory(V1.GetFigureHistoryRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.FigureHistory>(await mediator.Send(
            new GetFigureHistory.Query(r.Authority, r.Measure, r.Period, ProtoJson.Text(r.Breakdown)), context.CancellationToken));

    public override async Task<V1.GetFigureResponse> GetFigure(V1.GetFigureRequest r, ServerCallContext context) =>
        new() { Figure = ProtoJson.To<V1.Figure>(await mediator.Send(new GetFigure.Query(r.Authority, r.Measure, r.Period, ProtoJson.Text(r.Breakdown)), context.CancellationToken)) };
}
