namespace KpiService.Reports.Tests.Browser;

/// <summary>
/// Headless Chromium loads the board packs and every chart kind from a local server: no failed request, no console
/// error, no axe-core violation, a screenshot written, and the page's text carries every measure title.
/// </summary>
public sealed class BrowserTests(RenderedPagesFixture pages) : IClassFixture<RenderedPagesFixture>
{
    public static TheoryData<string> AllPages() =>
        ["/board-pack", "/board-pack-by-group", "/edge-cases", "/embedded", .. RenderedPagesFixture.ChartKinds.Select(k => $"/charts/{k}.svg")];

    [Theory]
    [MemberData(nameof(AllPages))]
    public void Page_LoadsWithoutErrorsOrAccessibilityViolations(string path)
    {
        var check = pages.Results[path];

        check.Status.ShouldBe(200);
        check.Problems.ShouldBeEmpty();
        var screenshot = new FileInfo(check.Screenshot);
        screenshot.Exists.ShouldBeTrue();
        File.ReadAllBytes(screenshot.FullName)[..8].ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A });
        screenshot.Length.ShouldBeGreaterThan(2_000);
    }

    [Theory]
    [InlineData("/board-pack")]
    [InlineData("/board-pack-by-group")]
    [InlineData("/edge-cases")]
    public void BoardPack_TextCarriesEveryMeasureTitle(string path)
    {
        var dashboard = path == "/edge-cases" ? pages.EdgeCases : path == "/board-pack" ? pages.Gloucestershire : pages.ByPerformanceGroup;
        var text = Normalise(pages.Results[path].Text);

        var titles = dashboard.Groups.SelectMany(g => g.Rows).Select(r => Normalise(r.Measure.Title)).ToList();
        titles.Where(t => !text.Contains(t, StringComparison.Ordinal)).ShouldBeEmpty();
        dashboard.Groups.Select(g => g.Title).Where(t => !text.Contains(t, StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void BoardPack_TitleNamesAuthorityAndPeriod() =>
        pages.Results["/board-pack"].Title.ShouldBe("Gloucestershire: children's services performance, September 2021");

    [Fact]
    public void EdgeCases_HostileTextIsShownNotRun()
    {
        // Escaped markup reads back as the literal text, and nothing ran (no console error, no alert).
        var check = pages.Results["/edge-cases"];

        check.Text.ShouldContain(Fixtures.EdgeCaseDashboard.HostileTitle);
        check.Title.ShouldBe("Slough & <Partners>: children's services performance, September 2021");
        check.Text.ShouldContain("Awaiting partner data: awaiting Health");
        check.Text.ShouldContain("Data due (due 29 October 2021)");
    }

    [Theory]
    [InlineData("trend", "Trend: % of Initial contact decisions made within 24 hours")]
    [InlineData("spc", "Statistical process control chart: % of Initial contact decisions made within 24 hours")]
    [InlineData("comparison", "Comparison: % of children who became the subject of a plan for a second or subsequent time, 2020-21")]
    [InlineData("sparkline", "Trend from Sep-20 92.7% to Sep-21 80.1%")]
    public void Chart_DocumentIsTitledForAssistiveTechnology(string kind, string title) =>
        pages.Results[$"/charts/{kind}.svg"].Title.ShouldBe(title);

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
