using System.Text;
using KpiService.Domain.Dashboards;
using KpiService.Reports.Formatting;

namespace KpiService.Reports.Html;

/// <summary>
/// The printable board pack: one self-contained HTML page (inline CSS and SVG, no script, no external request) laid
/// out like the seed reports — a title block (seeds/000 lines 3–6: report, period, date), a summary of statuses and
/// exceptions (the executive summary, seeds/000 line 24), a key (seeds/000 line 118), then each group as a table with a
/// row per measure. Colour is never the only carrier: every status is also a word and a marker shape, every arrow
/// also says up/down and improving/declining.
/// </summary>
public static class BoardPack
{
    public const string MediaType = "text/html";

    public static string Render(Dashboard dashboard)
    {
        var html = new StringBuilder(256 * 1024);
        var heading = $"{dashboard.Authority.Name}: children's services performance, {Display.LongPeriod(dashboard.Period)}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"KpiService\">\n")
            // An empty icon, so a browser does not go asking the server for /favicon.ico: the page requests nothing.
            .Append("<link rel=\"icon\" href=\"data:,\">\n")
            .Append("<title>").Append(Markup.Escape(heading)).Append("</title>\n")
            .Append("<style>").Append(BoardPackStyles.Css).Append("</style>\n</head>\n<body>\n");

        TitleBlock(html, dashboard);
        html.Append("<main>\n");
        SummarySection.Write(html, dashboard);
        Contents(html, dashboard);
        for (var i = 0; i < dashboard.Groups.Count; i++)
            GroupTable.Write(html, dashboard, dashboard.Groups[i], i);
        html.Append("</main>\n<footer>\n<p>Produced by KpiService. Statuses, changes, distances and trends are computed by the service from unrounded ")
            .Append("figures and rounded only for display. Percentage changes are in percentage points.</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void TitleBlock(StringBuilder html, Dashboard dashboard)
    {
        var authority = dashboard.Authority;
        var codes = string.Join(", ", new[] { authority.Code, $"LA {authority.LaNumber}" }.Where(c => !string.IsNullOrEmpty(c)));
        html.Append("<header class=\"title-block\">\n<p class=\"kicker\">Children's services performance report</p>\n")
            .Append("<h1>").Append(Markup.Escape(authority.Name)).Append(" \u2014 ").Append(Display.LongPeriod(dashboard.Period)).Append("</h1>\n")
            .Append("<dl class=\"meta\">\n");
        Meta(html, "Authority", $"{authority.Name} ({codes})");
        Meta(html, "Period", $"{Display.LongPeriod(dashboard.Period)} (series from {Display.ShortPeriod(dashboard.From)}, {dashboard.Months} months)");
        Meta(html, "Generated", Display.DateTime(dashboard.GeneratedAt));
        Meta(html, "Figures as at", dashboard.AsAt is { } asAt ? Display.DateTime(asAt) : "latest submitted");
        Meta(html, "Grouped", dashboard.GroupBy == DashboardGrouping.Area ? "by thematic area" : "by performance group");
        if (dashboard.Breakdown is { } breakdown) Meta(html, "Breakdown", breakdown);
        Meta(html, "Statistical neighbours", $"{dashboard.NeighbourModel} model");
        html.Append("</dl>\n</header>\n");
    }

    private static void Meta(StringBuilder html, string term, string value) =>
        html.Append("<div><dt>").Append(Markup.Escape(term)).Append("</dt><dd>").Append(Markup.Escape(value)).Append("</dd></div>\n");

    private static void Contents(StringBuilder html, Dashboard dashboard)
    {
        html.Append("<nav aria-labelledby=\"contents-heading\">\n<h2 id=\"contents-heading\">Contents</h2>\n<ol>\n");
        for (var i = 0; i < dashboard.Groups.Count; i++)
        {
            var group = dashboard.Groups[i];
            html.Append("<li><a href=\"#").Append(GroupTable.GroupId(group, i)).Append("\">").Append(Markup.Escape(group.Title))
                .Append("</a> (").Append(group.Rows.Count).Append(group.Rows.Count == 1 ? " measure" : " measures").Append(")</li>\n");
        }
        html.Append("</ol>\n</nav>\n");
    }
}
