using KpiService.Domain.Catalogue;

namespace KpiService.Features.Catalogue;

public sealed record ScheduleEntryResponse(string Measure, ReportingFrequency Frequency, int DueWorkingDay, string? From);

public sealed record PeriodMarkResponse(string Measure, string From, string? Through, MarkKind Kind, string Reason);

/// <summary>Which measures an authority reports, how often and by when, and the periods it has marked.</summary>
public sealed record ScheduleResponse(AuthorityReference Authority, IReadOnlyList<ScheduleEntryResponse> Entries, IReadOnlyList<PeriodMarkResponse> Marks, string ETag)
{
    public static ScheduleResponse From(Domain.Authorities.Authority authority, ReportingSchedule schedule) => new(
        authority.ToReference(),
        [.. schedule.Entries.Select(e => new ScheduleEntryResponse(e.MeasureId, e.Frequency, e.DueWorkingDay, e.From?.ToString()))],
        [.. schedule.Marks.Select(m => new PeriodMarkResponse(m.MeasureId, m.From.ToString(), m.Through?.ToString(), m.Kind, m.Reason))],
        Common.ETags.Of(schedule.Version));
}

/// <summary>A figure expected and not (yet) received, or received, with its due date and the reason a mark gives.</summary>
public sealed record ExpectedFigureResponse(AuthorityReference Authority, string Measure, string Period, DataState DataState, DateOnly DueDate, string? Reason);

/// <summary>The stream an authority's schedule lives on.</summary>
public static class ScheduleStreams
{
    public static string Of(int laNumber) => ReadModels.Catalogue.StreamStates.ScheduleStream(laNumber);
}
