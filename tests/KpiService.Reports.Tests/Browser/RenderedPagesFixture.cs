using KpiService.Reports.Charts;
using KpiService.Reports.Html;
using KpiService.Reports.Tests.Charts;
using KpiService.Reports.Tests.Fixtures;

namespace KpiService.Reports.Tests.Browser;

/// <summary>
/// Renders the board packs and one chart of each kind, serves them from a <see cref="StaticSite"/> on 127.0.0.1 with
/// the content types the service will send (text/html, image/svg+xml), and has headless Chromium load every page once:
/// the charts both as documents of their own and embedded with &lt;img&gt; as an intranet page would.
/// </summary>
public sealed class RenderedPagesFixture : IAsyncLifetime
{
    public static readonly string[] ChartKinds = ["trend", "spc", "comparison", "sparkline"];

    public Dashboard Gloucestershire { get; } = GloucestershireDashboard.Build();
    public Dashboard ByPerformanceGroup { get; } = GloucestershireDashboard.Build(DashboardGrouping.PerformanceGroup);
    public Dashboard EdgeCases { get; } = EdgeCaseDashboard.Build();
    public Dictionary<string, string> Charts { get; } = [];
    public Dictionary<string, PageCheck> Results { get; } = [];

    public async Task InitializeAsync()
    {
        Charts["trend"] = TrendChart.Render(ChartFixtures.Trend(ChartFixtures.ContactDecisions));
        Charts["spc"] = SpcChartSvg.Render(ChartFixtures.Spc(ChartFixtures.ContactDecisions));
        Charts["comparison"] = ComparisonChart.Render(ChartFixtures.RepeatPlans());
        Charts["sparkline"] = Sparkline.Render(ChartFixtures.Trend(ChartFixtures.ContactDecisions));

        var pages = new List<(string Path, string ContentType, string Body)>
        {
            ("/board-pack", "text/html; charset=utf-8", BoardPack.Render(Gloucestershire)),
            ("/board-pack-by-group", "text/html; charset=utf-8", BoardPack.Render(ByPerformanceGroup)),
            ("/edge-cases", "text/html; charset=utf-8", BoardPack.Render(EdgeCases)),
            ("/embedded", "text/html; charset=utf-8", EmbeddingPage()),
        };
        pages.AddRange(Charts.Select(c => ($"/charts/{c.Key}.svg", "image/svg+xml", c.Value)));
        foreach (var (path, _, body) in pages) File.WriteAllText(Artifacts.PathFor(path.Trim('/').Replace('/', '-') + (path.EndsWith(".svg") ? "" : ".html")), body);

        using var site = new StaticSite(pages);
        var checks = await BrowserCheck.RunAsync([.. pages.Select(p => (site.Url(p.Path), Artifacts.PathFor(ScreenshotName(p.Path))))]);
        foreach (var (page, check) in pages.Zip(checks)) Results[page.Path] = check;
    }

    public static string ScreenshotName(string path) => path.Trim('/').Replace('/', '-').Replace(".svg", "") + ".png";

    /// <summary>How an intranet page embeds the chart endpoints: plain &lt;img&gt; elements with alt text.</summary>
    private static string EmbeddingPage() =>
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>Charts embedded as images</title></head><body><main>" +
        "<h1>Charts embedded as images</h1>" +
        string.Concat(ChartKinds.Select(k => $"<figure><img src=\"/charts/{k}.svg\" alt=\"{k} chart of a Gloucestershire measure\"><figcaption>{k}</figcaption></figure>")) +
        "</main></body></html>";

    public Task DisposeAsync() => Task.CompletedTask;
}
