using Grpc.Core;
using KpiService.Api.Grpc.Mapping;
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
        var body = new SubmitFigure.Body(r.Value, r.Numerator, r.Denominator, Proto.Text(r.Note));
        return (await mediator.Send(new SubmitFigure.Command(r.Authority, r.Measure, r.Period, Proto.Text(r.Breakdown), body, Proto.Conditions(r.IfMatch)),
            context.CancellationToken)).ToMessage();
    }

    public override async Task<V1.Figure> WithdrawFigure(V1.WithdrawFigureRequest r, ServerCallContext context) =>
        (await mediator.Send(new WithdrawFigure.Command(r.Authority, r.Measure, r.Period, Proto.Text(r.Breakdown),
            Proto.Text(r.Reason), Proto.Conditions(r.IfMatch)), context.CancellationToken)).ToMessage();

    public override async Task<V1.SubmitReturnResponse> SubmitReturn(V1.SubmitReturnRequest r, ServerCallContext context)
    {
        // Each figure's problems are named by its place, as REST names JSON paths: figures[3].period.
        var figures = r.Figures.Select((f, i) => (new FigureInputItem(f.Measure, f.Period, Proto.Text(f.Breakdown),
            f.Value, f.Numerator, f.Denominator, Proto.Text(f.Note)), $"figures[{i}].")).ToList();
        return (await mediator.Send(new SubmitReturn.Command(r.Authority, new ReturnInput.Parsed(figures, []), Proto.Text(r.IdempotencyKey)), context.CancellationToken)).ToMessage();
    }

    public override async Task<V1.FigureSeries> GetFigures(V1.GetFiguresRequest r, ServerCallContext context)
    {
        // asAt is read as REST reads it: strict ISO 8601, refused (naming as_at's REST name) otherwise.
        var asAt = IsoTimestamp.Parse("asAt", Proto.Text(r.AsAt));
        return (await mediator.Send(
            new GetFigures.Query(r.Authority, r.Measure, Proto.Text(r.From), Proto.Text(r.To), asAt, Proto.Text(r.Breakdown)), context.CancellationToken)).ToMessage();
    }

    public override async Task<V1.FigureHistory> GetFigureHistory(V1.GetFigureHistoryRequest r, ServerCallContext context) =>
        (await mediator.Send(new GetFigureHistory.Query(r.Authority, r.Measure, r.Period, Proto.Text(r.Breakdown)), context.CancellationToken)).ToMessage();

    public override async Task<V1.GetFigureResponse> GetFigure(V1.GetFigureRequest r, ServerCallContext context) =>
        new() { Figure = (await mediator.Send(new GetFigure.Query(r.Authority, r.Measure, r.Period, Proto.Text(r.Breakdown)), context.CancellationToken)).ToMessage() };
}
