using System.Text;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Dashboards;
using KpiService.Domain.Ratings;
using KpiService.Reports.Charts;
using KpiService.Reports.Formatting;

namespace KpiService.Reports.Html;

/// <summary>
/// One group as a table, a row per measure, in the seeds' order of reading (seeds/000 line 137): the measure, its
/// status, the thirteen months (here a sparkline with the months in its text alternative), value and target with the
/// distance, direction of travel, the trend in words, year to date, the comparators, then commentary and action.
/// A measure without a figure keeps its row and says why (data due, awaiting a partner).
/// </summary>
internal static class GroupTable
{
    private static readonly string[] Headers =
    [
        "Status", "Last 13 months", "Value", "Target and distance", "Direction of travel", "Trend", "Year to date", "Comparators", "Commentary and action",
    ];

    private static readonly string[] Columns = ["measure", "status", "spark", "value", "target", "direction", "trend", "ytd", "peers", "commentary"];

    public static string GroupId(DashboardGroup group, int index) => Markup.Id("group", $"{index + 1}-{group.Key}");

    public static string RowId(string measureId) => Markup.Id("measure", measureId);

    public static void Write(StringBuilder html, Dashboard dashboard, DashboardGroup group, int index)
    {
        var id = GroupId(group, index);
        var statuses = group.Rows.Where(r => r.Assessment is not null).GroupBy(r => r.Assessment!.Rating.Status).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} {dashboard.Labels.For(g.Key).Name}");
        var missing = group.Rows.Count(r => r.Assessment is null);
        html.Append("<section class=\"group\" aria-labelledby=\"").Append(id).Append("\">\n<h2 id=\"").Append(id).Append("\">")
            .Append(Markup.Escape(group.Title)).Append("</h2>\n<table>\n<caption>").Append(Markup.Escape(group.Title)).Append(": ")
            .Append(group.Rows.Count).Append(group.Rows.Count == 1 ? " measure" : " measures");
        var parts = statuses.Concat(missing > 0 ? [$"{missing} without a figure"] : []).ToList();
        if (parts.Count > 0) html.Append(" (").Append(Markup.Escape(string.Join(", ", parts))).Append(')');
        html.Append("</caption>\n<colgroup>");
        foreach (var column in Columns) html.Append("<col class=\"col-").Append(column).Append("\">");
        html.Append("</colgroup>\n<thead><tr><th scope=\"col\">Measure</th>");
        foreach (var header in Headers) html.Append("<th scope=\"col\">").Append(header).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        for (var i = 0; i < group.Rows.Count; i++)
            Row(html, dashboard.Labels, group.Rows[i], $"spark-{index + 1}-{i + 1}");
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Row(StringBuilder html, LabelScheme labels, DashboardRow row, string sparkId)
    {
        var measure = row.Measure;
        var rating = row.Assessment?.Rating;
        html.Append("<tr id=\"").Append(RowId(measure.Id)).Append("\"><th scope=\"row\">");
        if (measure.Code is { } code) html.Append("<span class=\"code\">").Append(Markup.Escape(code)).Append("</span>");
        html.Append(Markup.Escape(measure.Title)).Append("</th>");

        if (rating is null) html.Append("<td class=\"nofigure\">No figure</td>");
        else
        {
            var colour = Colours.Normalise(labels.For(rating.Status).Colour);
            html.Append("<td class=\"rag\" style=\"background:").Append(colour).Append(";color:").Append(Colours.TextOn(colour)).Append("\">")
                .Append(Markup.Escape(labels.For(rating.Status).Name));
            if (!string.Equals(labels.For(rating.Status).Name, PlainStatus(rating.Status), StringComparison.OrdinalIgnoreCase))
                html.Append("<span class=\"visually-hidden\"> (").Append(PlainStatus(rating.Status)).Append(")</span>");
            html.Append("</td>");
        }

        html.Append("<td class=\"spark\">");
        if (row.Series.Any(p => p.Value is not null)) html.Append(Sparkline.Render(TrendChartInput.From(row, labels), sparkId));
        else html.Append("No figures in the window");
        html.Append("</td>");

        if (rating is null)
            html.Append("<td colspan=\"5\" class=\"nofigure\">").Append(Markup.Escape(RowFacts.DataState(row))).Append("</td>");
        else
            RatedCells(html, row, rating);

        html.Append("<td>").Append(Comparators(row)).Append("</td>");
        html.Append("<td class=\"commentary\">").Append(Commentary(row.Commentary)).Append("</td></tr>\n");
    }

    private static void RatedCells(StringBuilder html, DashboardRow row, Rating rating)
    {
        var (unit, places) = (row.Measure.Unit, row.Measure.DecimalPlaces);
        html.Append("<td class=\"num\">").Append(Display.Value(rating.Value, unit, places));
        if (rating.SmallCohort) html.Append("<span class=\"sub\">small cohort</span>");
        if (row.Revision is > 1) html.Append("<span class=\"sub\">").Append(row.LateRestatement ? "late restatement" : "revised").Append("</span>");
        html.Append("</td><td class=\"num\">");
        if (rating.Target is { } target)
        {
            html.Append(Display.Value(target, unit, places));
            if (rating.DistanceFromTarget is { } distance)
                html.Append("<span class=\"sub\">").Append(Display.Difference(distance, unit, places)).Append(" from target</span>");
        }
        else html.Append("No target");
        html.Append("</td><td>");
        if (rating is { Direction: { } direction, ChangeSincePrevious: { } change })
        {
            var judgement = rating.Judgement ?? Judgement.NotApplicable;
            html.Append("<span aria-hidden=\"true\">").Append(Display.Arrow(direction)).Append("</span> ")
                .Append(direction == Direction.Flat ? "flat" : $"{Display.Word(direction)} {Display.Amount(change, unit, places)}")
                .Append(", <span class=\"").Append(judgement is Judgement.Improving ? "improving" : judgement is Judgement.Declining ? "declining" : "")
                .Append("\">").Append(Display.Word(judgement)).Append("</span>");
            if (rating.PreviousPeriod is { } previous) html.Append("<span class=\"sub\">since ").Append(Display.ShortPeriod(previous)).Append("</span>");
        }
        else html.Append("No previous figure");
        html.Append("</td><td>").Append(Markup.Escape(RowFacts.Trend(row) ?? "Not enough periods"));
        if (row.Assessment?.Spc is { } spc)
            html.Append("<span class=\"sub\">SPC: ").Append(Markup.Escape(SpcWords(spc))).Append("</span>");
        if (rating.PerformanceGroup is { } group) html.Append("<span class=\"sub\">Performance group ").Append(group).Append("</span>");
        html.Append("</td><td class=\"num\">");
        var ytd = RowFacts.YearToDate(row, out var notComputed);
        html.Append(ytd ?? "\u2014");
        if (ytd is null) html.Append("<span class=\"visually-hidden\">").Append(Markup.Escape(notComputed is null ? "no year to date" : $"not computed: {notComputed}")).Append("</span>");
        html.Append("</td>");
    }

    private static string SpcWords(Domain.Analytics.SpcSignal spc) =>
        spc.Icons.Variation.Replace('-', ' ') + (spc.Assurance == Assurance.NoTarget ? "" : "; " + spc.Icons.Assurance.Replace('-', ' '))
        + (spc.ConflictingSignals ? "; conflicting signals" : "");

    private static string Comparators(DashboardRow row)
    {
        var lines = new List<string>();
        if (row.Peers is { } peers)
        {
            foreach (var (name, value) in new[] { ("Statistical neighbours", peers.Neighbours), ("Region", peers.Region), ("England", peers.England) })
                if (RowFacts.Peer(value, row.Measure) is { } text) lines.Add($"{name}: {text}");
            if (peers is { Rank: { } rank, Of: { } of })
                lines.Add($"Rank {rank} of {of}" + (peers.Quartile is { } q ? $", quartile {q}" : ""));
        }
        return lines.Count == 0 ? "\u2014" : string.Join("", lines.Select((l, i) => i == 0 ? Markup.Escape(l) : $"<span class=\"sub\">{Markup.Escape(l)}</span>"));
    }

    private static string Commentary(Commentary? commentary)
    {
        if (commentary is null) return "";
        var html = new StringBuilder();
        foreach (var paragraph in commentary.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            html.Append("<p>").Append(Markup.Escape(paragraph)).Append("</p>");
        if (commentary.Action is { } action)
        {
            html.Append("<p class=\"action\"><strong>Action:</strong> ").Append(Markup.Escape(action.Text));
            if (action.Owner is { } owner) html.Append(" <span class=\"sub\">Owner: ").Append(Markup.Escape(owner)).Append("</span>");
            if (action.Due is { } due) html.Append("<span class=\"sub\">Due ").Append(Display.Date(due)).Append("</span>");
            html.Append("</p>");
        }
        return html.ToString();
    }

    private static string PlainStatus(RagStatus status) => status == RagStatus.Unrated ? "not rated" : status.ToString().ToLowerInvariant();
}
