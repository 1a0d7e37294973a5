using System.Text;
using KpiService.Domain.Dashboards;
using KpiService.Domain.Ratings;
using KpiService.Reports.Charts;
using KpiService.Reports.Formatting;

namespace KpiService.Reports.Html;

/// <summary>
/// The summary: how many measures stand at each status (in the council's own label words), the three exception
/// lists with each measure's reason and a link to its row, and the key the seeds print before their tables
/// (seeds/000 lines 118–131), here also naming each status's marker shape and what the arrows mean.
/// </summary>
internal static class SummarySection
{
    public static void Write(StringBuilder html, Dashboard dashboard)
    {
        var (summary, labels) = (dashboard.Summary, dashboard.Labels);
        html.Append("<section aria-labelledby=\"summary-heading\">\n<h2 id=\"summary-heading\">Summary</h2>\n<ul class=\"counts\">\n");
        foreach (var (status, count) in new[]
                 {
                     (RagStatus.Green, summary.Green), (RagStatus.Amber, summary.Amber), (RagStatus.Red, summary.Red), (RagStatus.Unrated, summary.Unrated),
                 })
            html.Append("<li>").Append(StatusMarker.Svg(status, labels)).Append(' ')
                .Append(Markup.Escape(RowFacts.StatusInWords(status, labels)))
                .Append("<span class=\"n\">").Append(count).Append("</span>").Append(count == 1 ? "measure" : "measures").Append("</li>\n");
        html.Append("<li>No figure for the period<span class=\"n\">").Append(summary.NoFigure).Append("</span>")
            .Append(summary.NoFigure == 1 ? "measure" : "measures").Append("</li>\n</ul>\n");

        html.Append("<div class=\"exceptions\">\n");
        Exceptions(html, "going-well", "Going well", summary.GoingWell);
        Exceptions(html, "ones-to-watch", "Ones to watch", summary.OnesToWatch);
        Exceptions(html, "do-better", "Do better", summary.DoBetter);
        html.Append("</div>\n");
        Key(html, dashboard);
        html.Append("</section>\n");
    }

    private static void Exceptions(StringBuilder html, string css, string title, IReadOnlyList<ExceptionEntry> entries)
    {
        html.Append("<section class=\"").Append(css).Append("\" aria-labelledby=\"").Append(css).Append("-heading\">\n<h3 id=\"")
            .Append(css).Append("-heading\">").Append(title).Append(" (").Append(entries.Count).Append(")</h3>\n");
        if (entries.Count == 0)
        {
            html.Append("<p>None this period.</p>\n</section>\n");
            return;
        }
        html.Append("<ul>\n");
        foreach (var entry in entries)
            html.Append("<li><a href=\"#").Append(GroupTable.RowId(entry.MeasureId)).Append("\">").Append(Markup.Escape(entry.Title))
                .Append("</a>: ").Append(Markup.Escape(entry.Reason)).Append("</li>\n");
        html.Append("</ul>\n</section>\n");
    }

    private static void Key(StringBuilder html, Dashboard dashboard)
    {
        var labels = dashboard.Labels;
        html.Append("<p class=\"key\"><strong>Key.</strong> ");
        foreach (var (status, meaning) in new[]
                 {
                     (RagStatus.Green, "meets or beats the target"), (RagStatus.Amber, "worse than the target but within tolerance"),
                     (RagStatus.Red, "worse than the target beyond tolerance"), (RagStatus.Unrated, "no target or band to rate against"),
                 })
            html.Append(StatusMarker.Svg(status, labels)).Append(' ').Append(Markup.Escape(labels.For(status).Name))
                .Append(" (").Append(StatusMarker.ShapeName(status)).Append("): ").Append(meaning).Append(". ");
        html.Append("Arrows show the raw movement since the previous period (\u2191 up, \u2193 down, \u2192 flat); the word after ")
            .Append("says whether that is improving or declining for the measure. In each row's chart the dotted line is the target. ")
            .Append("Changes and distances for percentages are in percentage points.</p>\n");
    }
}
