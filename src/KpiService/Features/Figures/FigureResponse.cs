using KpiService.Domain.Figures;

namespace KpiService.Features.Figures;

public enum FigureStatus { Provisional, Mature, Withdrawn }

/// <summary>A figure as it stands (or stood, for <c>asAt</c>), with its revision history in brief and its ETag.</summary>
/// <param name="Revision">1 when first reported; each different value sent later adds one.</param>
/// <param name="FirstReportedValue">The value as first reported, however often it was revised since.</param>
/// <param name="Status">Provisional until the end of the month after its period; withdrawn if withdrawn.</param>
/// <param name="LateRestatement">True when the latest revision came after the figure had matured.</param>
/// <param name="ETag">Send it back as If-Match to change this figure only if no one else has.</param>
/// <param name="Unchanged">True when a submission matched what was stored: nothing was written.</param>
public sealed record FigureResponse(
    string Period, string? Breakdown, double? Value, double? Numerator, double? Denominator, string? Note,
    int Revision, double? FirstReportedValue, DateTimeOffset FirstReportedAt, DateTimeOffset SubmittedAt,
    FigureStatus Status, bool? LateRestatement, string ETag, bool? Unchanged)
{
    public static FigureResponse From(FigureRecord figure, DateTimeOffset now, bool unchanged = false) => new(
        figure.Key.Period.ToString(), figure.Key.Breakdown?.ToString(),
        figure.Current?.Value, figure.Current?.Numerator, figure.Current?.Denominator, figure.Note,
        figure.Revision, figure.FirstValue, figure.FirstReportedAt, figure.SubmittedAt,
        figure.Withdrawn ? FigureStatus.Withdrawn : Figure.IsProvisional(figure.Key, now) ? FigureStatus.Provisional : FigureStatus.Mature,
        figure.LateRestatement ? true : null, figure.ETag, unchanged ? true : null);
}
