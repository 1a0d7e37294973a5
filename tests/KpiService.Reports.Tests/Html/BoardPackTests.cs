using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using KpiService.Reports.Formatting;
using KpiService.Reports.Html;
using KpiService.Reports.Tests.Fixtures;

namespace KpiService.Reports.Tests.Html;

/// <summary>The board pack's structure, read with an HTML5 parser: self-contained, laid out like the seeds, accessible.</summary>
public sealed class BoardPackTests
{
    private static readonly Lazy<(Dashboard Dashboard, IDocument Page)> Gloucestershire = new(() => Parse(GloucestershireDashboard.Build(), "board-pack.html"));
    private static readonly Lazy<(Dashboard Dashboard, IDocument Page)> EdgeCases = new(() => Parse(EdgeCaseDashboard.Build(), "edge-cases.html"));

    private static (Dashboard, IDocument) Parse(Dashboard dashboard, string artifact)
    {
        var html = BoardPack.Render(dashboard);
        File.WriteAllText(Artifacts.PathFor(artifact), html);
        return (dashboard, new HtmlParser().ParseDocument(html));
    }

    [Fact]
    public void Page_IsSelfContained()
    {
        var page = Gloucestershire.Value.Page;

        page.QuerySelectorAll("script, iframe, object, embed, img, link[rel=stylesheet]").ShouldBeEmpty();
        var references = page.All.SelectMany(e => e.Attributes).Where(a => a.Name is "src" or "href" or "xlink:href" or "action").Select(a => a.Value).ToList();
        references.Where(r => !r.StartsWith('#') && r != "data:,").ShouldBeEmpty();
        page.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on")).ShouldBeEmpty();
        page.QuerySelectorAll("style").Single().TextContent.ShouldNotContain("url(");
    }

    [Fact]
    public void Page_HasLanguageTitleAndHeadingsInOrder()
    {
        var (dashboard, page) = Gloucestershire.Value;

        page.DocumentElement.GetAttribute("lang").ShouldBe("en-GB");
        page.Title.ShouldBe("Gloucestershire: children's services performance, September 2021");
        page.QuerySelectorAll("h1").Single().TextContent.ShouldBe("Gloucestershire \u2014 September 2021");
        page.QuerySelectorAll("h2").Select(h => h.TextContent).ShouldBe(["Summary", "Contents", .. dashboard.Groups.Select(g => g.Title)]);
        page.QuerySelectorAll("header, main, footer").Select(e => e.LocalName).ShouldBe(["header", "main", "footer"]);
        page.All.Where(e => e.HasAttribute("id")).GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    [Fact]
    public void Groups_AreTablesWithARowPerMeasureAndScopedHeaders()
    {
        var (dashboard, page) = Gloucestershire.Value;
        var sections = page.QuerySelectorAll("section.group");

        sections.Length.ShouldBe(dashboard.Groups.Count);
        foreach (var (section, group) in sections.Zip(dashboard.Groups))
        {
            section.QuerySelectorAll("thead th").ShouldAllBe(th => th.GetAttribute("scope") == "col");
            var rows = section.QuerySelectorAll("tbody tr");
            rows.Length.ShouldBe(group.Rows.Count);
            foreach (var (tr, row) in rows.Zip(group.Rows))
            {
                var header = tr.QuerySelector("th")!;
                header.GetAttribute("scope").ShouldBe("row");
                header.TextContent.ShouldBe(row.Measure.Title);
                tr.QuerySelector("td.spark svg[role=img]").ShouldNotBeNull();
            }
        }
    }

    [Fact]
    public void Row_PrintsStatusWordAndColourValueTargetArrowAndTrend()
    {
        // seeds/000 line 139: 80.1% against 90%, −9.9 from target, down 1.0, "6th month, down 14% points since March".
        var row = Gloucestershire.Value.Page.QuerySelectorAll("section.group")[0].QuerySelector("tbody tr")!;
        var cells = row.QuerySelectorAll("td").Select(td => Normalise(td.TextContent)).ToList();

        var status = row.QuerySelector("td.rag")!;
        status.TextContent.Trim().ShouldBe("Red");
        status.GetAttribute("style").ShouldBe("background:#d4351c;color:#ffffff");
        cells[2].ShouldBe("80.1%");
        cells[3].ShouldBe("90.0%\u22129.9 points from target");
        cells[4].ShouldBe("\u2193 down 1.0 point, decliningsince Aug-21");
        row.QuerySelectorAll("td")[4].QuerySelector("[aria-hidden=true]")!.TextContent.ShouldBe("\u2193");
        cells[5].ShouldStartWith("Declining for 6 months, down 13.5 points since Mar-21");
        cells[8].ShouldStartWith("Continued decline resulting in performance now 10% points below target level.");
    }

    [Fact]
    public void Amber_ReadsInTheCouncilsWordAndSaysWhatItMeans()
    {
        var (dashboard, page) = Gloucestershire.Value;
        var amber = page.QuerySelectorAll("td.rag").First(td => td.TextContent.Contains("Yellow"));

        Normalise(amber.TextContent).ShouldBe("Yellow (amber)");
        amber.QuerySelector(".visually-hidden")!.TextContent.ShouldBe(" (amber)");
        amber.GetAttribute("style").ShouldBe($"background:{dashboard.Labels.For(RagStatus.Amber).Colour};color:{Colours.Black}");
    }

    [Fact]
    public void Summary_CountsStatusesAndLinksEachExceptionToItsRow()
    {
        var (dashboard, page) = Gloucestershire.Value;
        var counts = page.QuerySelectorAll(".counts .n").Select(n => int.Parse(n.TextContent)).ToList();

        counts.ShouldBe([dashboard.Summary.Green, dashboard.Summary.Amber, dashboard.Summary.Red, dashboard.Summary.Unrated, dashboard.Summary.NoFigure]);
        var links = page.QuerySelectorAll(".exceptions a").Select(a => a.GetAttribute("href")!).ToList();
        links.Count.ShouldBe(dashboard.Summary.GoingWell.Count + dashboard.Summary.OnesToWatch.Count + dashboard.Summary.DoBetter.Count);
        links.Where(href => page.GetElementById(href.Substring(1)) is null).ShouldBeEmpty();
        page.QuerySelector(".do-better h3")!.TextContent.ShouldBe($"Do better ({dashboard.Summary.DoBetter.Count})");
    }

    [Fact]
    public void PrintStylesheet_IsA4LandscapeWithAPageBreakBeforeEachGroup()
    {
        var css = Gloucestershire.Value.Page.QuerySelector("style")!.TextContent;

        css.ShouldContain("@page { size: A4 landscape;");
        css.ShouldContain(".group { break-before: page; }");
        css.ShouldContain("thead { display: table-header-group; }");
        css.ShouldContain("print-color-adjust: exact;");
    }

    [Fact]
    public void MissingFigures_KeepTheirRowAndSayWhy()
    {
        var page = EdgeCases.Value.Page;
        var health = page.GetElementById("measure-health-assessments-on-time")!;
        var due = page.GetElementById("measure-hostile-text")!;

        health.QuerySelector("td.nofigure")!.TextContent.ShouldBe("No figure");
        health.QuerySelector("td[colspan='5']")!.TextContent.ShouldBe("Awaiting partner data: awaiting Health");
        health.QuerySelector("svg[role=img] title")!.TextContent.ShouldBe("Trend from Sep-20 88.0% to Jul-21 90.0%");
        due.QuerySelector("td[colspan='5']")!.TextContent.ShouldBe("Data due (due 29 October 2021)");
        due.QuerySelector("td.spark")!.TextContent.ShouldBe("No figures in the window");
    }

    [Fact]
    public void EdgeCases_TextIsEscapedActionsAndComparatorsShown()
    {
        var (dashboard, page) = EdgeCases.Value;
        var timely = page.GetElementById("measure-assessments-within-45-wd")!;

        page.QuerySelectorAll("script").ShouldBeEmpty();
        page.GetElementById("measure-hostile-text")!.QuerySelector("th")!.TextContent.ShouldBe("=1+1" + EdgeCaseDashboard.HostileTitle);
        page.Title.ShouldBe("Slough & <Partners>: children's services performance, September 2021");
        Normalise(timely.QuerySelector(".action")!.TextContent).ShouldBe("Action: Review Cotswolds caseloads Owner: Head of ServiceDue 31 October 2021");
        Normalise(timely.QuerySelectorAll("td")[7].TextContent)
            .ShouldBe("Statistical neighbours: 81.4% (2020-21, 10 authorities)Region: 82.0% (2020-21, 15 authorities)England: 84.1% (2020-21)Rank 88 of 151, quartile C");
        timely.TextContent.ShouldContain("3 of 12 months on target, fluctuating");
        timely.TextContent.ShouldContain("late restatement");
        Normalise(page.QuerySelector(".meta")!.TextContent).ShouldContain("Breakdownlocality:Cheltenham");
        dashboard.Labels.For(RagStatus.Unrated).Name.ShouldBe("Grey");
        page.GetElementById("measure-referrals-received")!.QuerySelector("td.rag")!.TextContent.Trim().ShouldBe("Grey (not rated)");
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
