using DocumentFormat.OpenXml.Packaging;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Dashboards;
using KpiService.Domain.Periods;
using KpiService.Reports.Formatting;

namespace KpiService.Reports.Spreadsheet;

/// <summary>
/// One group's sheet, laid out like the seeds' dashboard tables (seeds/000 line 137: RAG, measure, overview,
/// performance group, D.o.T., trend, change, distance, thirteen months, target), with the measure first so it can
/// stay frozen while the months scroll, and the year to date and peer columns the seeds' other councils add.
/// </summary>
internal static class GroupSheet
{
    private static readonly (string Header, double Width)[] Leading =
    [
        ("Measure", 52), ("RAG", 11), ("Value", 10), ("Target", 9), ("Distance from target", 10), ("Change since last period", 10),
        ("Direction of travel", 17), ("Performance group", 11), ("Trend", 38), ("Year to date", 10),
        ("Statistical neighbours", 13), ("England", 11),
    ];

    private static readonly (string Header, double Width)[] Trailing = [("Commentary", 70), ("Action", 40), ("Data state", 22)];

    public static void Write(WorksheetPart part, WorkbookStyles styles, SharedStrings strings, Dashboard dashboard, DashboardGroup group, string heading, string context)
    {
        var months = Window(dashboard);
        var widths = Leading.Select(c => c.Width).Concat(months.Select(_ => 9.0)).Concat(Trailing.Select(c => c.Width)).ToList();
        using var sheet = new SheetWriter(part, strings, frozenRows: 3, frozenColumns: 1, widths);
        sheet.StartRow(22).Text(heading, styles.Title).EndRow();
        sheet.StartRow().Text($"{group.Title} · {context}", styles.Subtitle).EndRow();

        sheet.StartRow(30);
        foreach (var (header, _) in Leading) sheet.Text(header, styles.Header);
        foreach (var month in months) sheet.Text(Display.ShortPeriod(month), styles.Header);
        foreach (var (header, _) in Trailing) sheet.Text(header, styles.Header);
        sheet.EndRow();

        foreach (var row in group.Rows)
            WriteRow(sheet, styles, dashboard.Labels, row, months);
    }

    /// <summary>The months of the window, oldest first: <c>From</c> through <c>Period</c>.</summary>
    internal static List<Period> Window(Dashboard dashboard)
    {
        var months = new List<Period>();
        for (var p = dashboard.From; p <= dashboard.Period && months.Count < 240; p = p.Next) months.Add(p);
        return months;
    }

    private static void WriteRow(SheetWriter sheet, WorkbookStyles styles, LabelScheme labels, DashboardRow row, List<Period> months)
    {
        var measure = row.Measure;
        var rating = row.Assessment?.Rating;
        var value = styles.Value(measure.Unit, measure.DecimalPlaces);
        var difference = styles.Difference(measure.DecimalPlaces);

        sheet.StartRow();
        sheet.Text(measure.Code is { } code ? $"{code} {measure.Title}" : measure.Title, styles.Wrapped);
        if (rating is not null) sheet.Text(labels.For(rating.Status).Name, styles.Status(rating.Status));
        else sheet.Text("No figure", styles.Text);
        sheet.Number(rating?.Value, value)
            .Number(rating?.Target, value)
            .Number(rating?.DistanceFromTarget, difference)
            .Number(rating?.ChangeSincePrevious, difference)
            .Text(RowFacts.Direction(row), styles.Text)
            .Number(rating?.PerformanceGroup, styles.Integer)
            .Text(RowFacts.Trend(row), styles.Wrapped)
            .Number(rating?.YearToDate?.Value, value)
            .Number(row.Peers?.Neighbours?.Value, value)
            .Number(row.Peers?.England?.Value, value);

        var byPeriod = row.Series.Where(p => p.Value is not null).GroupBy(p => p.Period).ToDictionary(g => g.Key, g => g.First().Value);
        foreach (var month in months)
            sheet.Number(byPeriod.GetValueOrDefault(month), value);

        var action = row.Commentary?.Action is { } a
            ? string.Join(" · ", new[] { a.Text, a.Owner is { } owner ? $"owner: {owner}" : null, a.Due is { } due ? $"due {Display.Date(due)}" : null }.Where(x => x is not null))
            : null;
        sheet.Text(row.Commentary?.Text, styles.Wrapped)
            .Text(action, styles.Wrapped)
            .Text(row.DataState == DataState.Received ? null : RowFacts.DataState(row), styles.Wrapped);
        sheet.EndRow();
    }
}
