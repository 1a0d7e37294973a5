using KpiService.Domain.Catalogue;
using KpiService.Domain.Dashboards;
using KpiService.Domain.Peers;
using KpiService.Domain.Ratings;

namespace KpiService.Reports.Formatting;

/// <summary>
/// The words one dashboard row prints, shared by the workbook and the board pack so both say the same thing:
/// the direction with its judgement ("↓ down, declining"), the trend sentence, the data state of a missing figure
/// ("Data due by 15 October 2021"), and peer values with their own periods.
/// </summary>
public static class RowFacts
{
    public static string? Direction(DashboardRow row) =>
        row.Assessment?.Rating is { Direction: { } direction } rating
            ? $"{Display.Arrow(direction)} {Display.Word(direction)}, {Display.Word(rating.Judgement ?? Judgement.NotApplicable)}"
            : null;

    /// <summary>The computed trend, or the persistence summary when the analytics supply one ("off target for 12 months").</summary>
    public static string? Trend(DashboardRow row)
    {
        var assessment = row.Assessment;
        var trend = assessment?.Rating.Trend is { } run
            ? Display.Trend(run, row.Measure.Polarity, row.Measure.Unit, row.Measure.DecimalPlaces)
            : null;
        var persistence = assessment?.Persistence?.Summary;
        return (trend, persistence) switch
        {
            (null, null) => null,
            ({ } t, null) => t,
            (null, { } p) => p,
            var (t, p) => $"{t}; {p}",
        };
    }

    public static string DataState(DashboardRow row)
    {
        var state = row.DataState switch
        {
            Domain.Catalogue.DataState.Received => "Received",
            Domain.Catalogue.DataState.Due => "Data due",
            Domain.Catalogue.DataState.Overdue => "Data overdue",
            Domain.Catalogue.DataState.NotApplicable => "Not applicable",
            Domain.Catalogue.DataState.AwaitingPartner => "Awaiting partner data",
            _ => "Definition changed",
        };
        if (row.DueBy is { } due && row.DataState is Domain.Catalogue.DataState.Due or Domain.Catalogue.DataState.Overdue)
            state += $" (due {Display.Date(due)})";
        return string.IsNullOrWhiteSpace(row.DataStateReason) ? state : $"{state}: {row.DataStateReason}";
    }

    /// <summary>A peer value with its period and how many authorities it averages: "91.2% (2020-21, 10 authorities)".</summary>
    public static string? Peer(ComparatorValue? peer, MeasureHeading measure)
    {
        if (peer is not { Value: { } value }) return null;
        var notes = new List<string>();
        if (peer.Period is { } period) notes.Add(Display.ShortPeriod(period));
        if (peer.Count is { } count) notes.Add(count == 1 ? "1 authority" : $"{count} authorities");
        var text = Display.Value(value, measure.Unit, measure.DecimalPlaces);
        return notes.Count == 0 ? text : $"{text} ({string.Join(", ", notes)})";
    }

    public static string? YearToDate(DashboardRow row, out string? notComputedBecause)
    {
        notComputedBecause = null;
        if (row.Assessment?.Rating.YearToDate is not { } ytd) return null;
        if (ytd.Value is { } value) return Display.Value(value, row.Measure.Unit, row.Measure.DecimalPlaces);
        notComputedBecause = ytd.NotComputedBecause;
        return null;
    }

    public static string StatusName(RagStatus status, LabelScheme labels) => labels.For(status).Name;

    /// <summary>The "label (status)" pair for assistive text, so "Yellow" still says it means amber.</summary>
    public static string StatusInWords(RagStatus status, LabelScheme labels)
    {
        var name = labels.For(status).Name;
        var plain = status == RagStatus.Unrated ? "not rated" : status.ToString().ToLowerInvariant();
        return string.Equals(name, plain, StringComparison.OrdinalIgnoreCase) ? name : $"{name} ({plain})";
    }
}
