namespace KpiService.Features.Figures;

public static class FigureDto
{
    public static object From(FigureRow f, bool? unchanged = null) => new
    {
        period = f.Period.ToString(),
        breakdown = f.Breakdown.Length == 0 ? null : f.Breakdown,
        f.Value, f.Numerator, f.Denominator, f.Note,
        f.Revision,
        firstReportedValue = f.FirstValue,
        firstReportedAt = f.FirstReportedAt,
        submittedAt = f.SubmittedAt,
        status = f.Withdrawn ? "withdrawn" : Domain.Figures.Figure.IsProvisional(new(f.LaNumber, f.Measure, f.Period), DateTimeOffset.UtcNow) ? "provisional" : "mature",
        lateRestatement = f.LateRestatement ? true : (bool?)null,
        etag = f.ETag,
        unchanged = unchanged == true ? true : (bool?)null,
    };
}
