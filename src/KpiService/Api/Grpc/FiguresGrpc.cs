using KpiService.Common;
using KpiService.Domain.Figures;
using KpiService.Features.Figures;
using KpiService.Grpc;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc;

public static class FiguresGrpc
{
    private const string Service = "kpi.v1.Figures";

    public static void Register(GrpcServices grpc) => grpc
        .Unary<V1.SubmitFigureRequest, V1.SubmitFigureResponse>(Service, "SubmitFigure", V1.SubmitFigureRequest.Parser, async (r, call) =>
        {
            var body = new SubmitFigure.Body(r.Value, r.Numerator, r.Denominator, ProtoJson.Text(r.Note));
            var result = await GrpcApi.Send(call, new SubmitFigure.Command(r.Authority, r.Measure, r.Period, ProtoJson.Text(r.Breakdown), body, new Preconditions(ProtoJson.Text(r.IfMatch), null)));
            return new V1.SubmitFigureResponse
            {
                Outcome = result.Outcome.ToString().ToLowerInvariant(),
                Figure = ProtoJson.To<V1.Figure>(result.Figure),
            };
        })
        .Unary<V1.WithdrawFigureRequest, V1.Figure>(Service, "WithdrawFigure", V1.WithdrawFigureRequest.Parser, async (r, call) =>
            ProtoJson.To<V1.Figure>(await GrpcApi.Send(call,
                new WithdrawFigure.Command(r.Authority, r.Measure, r.Period, ProtoJson.Text(r.Breakdown), ProtoJson.Text(r.Reason), new Preconditions(ProtoJson.Text(r.IfMatch), null)))))
        .Unary<V1.SubmitReturnRequest, V1.SubmitReturnResponse>(Service, "SubmitReturn", V1.SubmitReturnRequest.Parser, async (r, call) =>
        {
            var figures = r.Figures.Select((f, i) => (new FigureInputItem(f.Measure, f.Period, ProtoJson.Text(f.Breakdown),
                f.Value, f.Numerator, f.Denominator, ProtoJson.Text(f.Note)), $"figures[{i}].")).ToList();
            var result = await GrpcApi.Send(call, new SubmitReturn.Command(r.Authority, new ReturnInput.Parsed(figures, []), ProtoJson.Text(r.IdempotencyKey)));
            return new V1.SubmitReturnResponse
            {
                Accepted = result.Accepted, Revised = result.Revised, Unchanged = result.Unchanged, IdempotencyKey = result.IdempotencyKey ?? "", Replayed = result.Replayed == true,
            };
        })
        .Unary<V1.GetFiguresRequest, V1.FigureSeries>(Service, "GetFigures", V1.GetFiguresRequest.Parser, async (r, call) =>
        {
            var asAt = IsoTimestamp.Parse("asAt", r.AsAt);
            return ProtoJson.To<V1.FigureSeries>(await GrpcApi.Send(call,
                new GetFigures.Query(r.Authority, r.Measure, ProtoJson.Text(r.From), ProtoJson.Text(r.To), asAt, ProtoJson.Text(r.Breakdown))));
        })
        .Unary<V1.GetFigureHistoryRequest, V1.FigureHistory>(Service, "GetFigureHistory", V1.GetFigureHistoryRequest.Parser, async (r, call) =>
            ProtoJson.To<V1.FigureHistory>(await GrpcApi.Send(call, new GetFigureHistory.Query(r.Authority, r.Measure, r.Period, ProtoJson.Text(r.Breakdown)))));
}
