using KpiService.Features.Figures;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Mapping;

/// <summary>Figures, their series and their history as kpi.v1 messages, field by field.</summary>
public static class FigureProto
{
    public static V1.Figure ToMessage(this FigureResponse f) => new()
    {
        Period = f.Period, Breakdown = f.Breakdown ?? "", Value = f.Value, Numerator = f.Numerator, Denominator = f.Denominator, Note = f.Note ?? "",
        Revision = f.Revision, FirstReportedValue = f.FirstReportedValue, FirstReportedAt = Proto.Timestamp(f.FirstReportedAt), SubmittedAt = Proto.Timestamp(f.SubmittedAt),
        Status = Proto.Name(f.Status), LateRestatement = f.LateRestatement == true, Etag = f.ETag, Unchanged = f.Unchanged == true,
    };

    public static V1.SubmitFigureResponse ToMessage(this SubmitFigure.Result r) => new() { Outcome = Proto.Name(r.Outcome), Figure = r.Figure.ToMessage() };

    public static V1.SubmitReturnResponse ToMessage(this SubmitReturn.Result r) => new()
    {
        Accepted = r.Accepted, Revised = r.Revised, Unchanged = r.Unchanged, IdempotencyKey = r.IdempotencyKey ?? "", Replayed = r.Replayed == true,
    };

    public static V1.FigureSeries ToMessage(this GetFigures.Series s) => new()
    {
        Authority = s.Authority.ToMessage(), Measure = s.Measure, Breakdown = s.Breakdown ?? "", AsAt = Proto.Timestamp(s.AsAt),
        Figures = { s.Figures.Select(ToMessage) },
    };

    public static V1.FigureHistory ToMessage(this GetFigureHistory.History h) => new()
    {
        Authority = h.Authority.ToMessage(), Measure = h.Measure, Period = h.Period, Breakdown = h.Breakdown ?? "",
        Events = { h.Events.Select(ToMessage) },
    };

    private static V1.FigureEvent ToMessage(GetFigureHistory.HistoryEntry e) => new()
    {
        Version = e.Version, Type = Proto.Name(e.Type), Value = e.Value, Numerator = e.Numerator, Denominator = e.Denominator, Revision = e.Revision,
        LateRestatement = e.LateRestatement == true, Note = e.Note ?? "", RecordedAt = Proto.Timestamp(e.RecordedAt),
        By = e.By is { } by ? new V1.ClientRef { Id = by.Id, Name = by.Name } : null, CorrelationId = e.CorrelationId ?? "",
    };
}
