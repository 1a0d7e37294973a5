using DocumentFormat.OpenXml.Packaging;
using KpiService.Domain.Dashboards;
using KpiService.Domain.Ratings;

namespace KpiService.Reports.Spreadsheet;

/// <summary>
/// The front sheet: how many measures stand at each status, then the exception lists the seeds' executive summaries
/// are built from (going well, ones to watch, do better), each measure with its reason.
/// </summary>
internal static class SummarySheet
{
    public static void Write(WorksheetPart part, WorkbookStyles styles, SharedStrings strings, Dashboard dashboard, string heading, string context)
    {
        using var sheet = new SheetWriter(part, strings, frozenRows: 0, frozenColumns: 0, [28, 60, 70], landscape: false);
        sheet.StartRow(22).Text(heading, styles.Title).EndRow();
        sheet.StartRow().Text(context, styles.Subtitle).EndRow();
        sheet.StartRow().EndRow();

        var summary = dashboard.Summary;
        sheet.StartRow().Text("Status", styles.Header).Text("Measures", styles.Header).EndRow();
        foreach (var (status, count) in new[]
                 {
                     (RagStatus.Green, summary.Green), (RagStatus.Amber, summary.Amber), (RagStatus.Red, summary.Red),
                     (RagStatus.Unrated, summary.Unrated),
                 })
            sheet.StartRow().Text(dashboard.Labels.For(status).Name, styles.Status(status)).Number(count, styles.Integer).EndRow();
        sheet.StartRow().Text("No figure for the period", styles.Text).Number(summary.NoFigure, styles.Integer).EndRow();
        sheet.StartRow().EndRow();

        sheet.StartRow().Text("Exception group", styles.Header).Text("Measure", styles.Header).Text("Reason", styles.Header).EndRow();
        foreach (var (title, entries) in new[] { ("Going well", summary.GoingWell), ("Ones to watch", summary.OnesToWatch), ("Do better", summary.DoBetter) })
        {
            if (entries.Count == 0)
                sheet.StartRow().Text(title, styles.Bold).Text("None this period", styles.Text).Blank(styles.Text).EndRow();
            foreach (var entry in entries)
                sheet.StartRow().Text(title, styles.Bold).Text(entry.Title, styles.Wrapped).Text(entry.Reason, styles.Wrapped).EndRow();
        }
    }
}
