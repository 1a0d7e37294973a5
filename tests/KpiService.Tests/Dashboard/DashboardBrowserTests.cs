using System.Text.Json;
using KpiService.Reports.Tests.Browser;

namespace KpiService.Tests.Dashboard;

/// <summary>
/// Debian's headless Chromium loads the board pack and each chart as the service serves them (with an API key, as an
/// intranet page would): no failed request, no console error, no axe-core violation, a screenshot written to the
/// test output, and the page's text carries every measure title and every area.
/// </summary>
[Collection(GloucestershireCollection.Name)]
public sealed class DashboardBrowserTests(GloucestershireFixture glos)
{
    public static readonly string Output = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard");

    [Fact]
    public async Task BoardPackAndCharts_LoadCleanlyInChromium()
    {
        Directory.CreateDirectory(Output);
        var pack = $"{glos.Service.RestUrl}/api/v1/authorities/916/dashboard/2021-09?format=html";
        // Kept for the docs screenshot: the pack exactly as served.
        await File.WriteAllBytesAsync(Path.Combine(Output, "board-pack-served.html"), await glos.Admin.GetByteArrayAsync(pack));
        var pages = new List<(string Url, string Screenshot)> { (pack, Path.Combine(Output, "board-pack.png")) };
        foreach (var kind in new[] { "trend", "spc", "sparkline" })
            pages.Add(($"{glos.Service.RestUrl}/api/v1/authorities/916/measures/{glos.Ids[0]}/charts/{kind}/2021-09", Path.Combine(Output, $"chart-{kind}.png")));
        pages.Add(($"{glos.Service.RestUrl}/api/v1/authorities/916/measures/re-referrals/charts/comparison/2020-21", Path.Combine(Output, "chart-comparison.png")));

        var checks = await BrowserCheck.RunAsync(pages, new Dictionary<string, string> { ["X-Api-Key"] = KestrelServiceFixture.AdminKey });

        foreach (var check in checks)
        {
            check.Status.ShouldBe(200, check.Url);
            check.Problems.ShouldBeEmpty(check.Url);
            new FileInfo(check.Screenshot).Length.ShouldBeGreaterThan(2_000);
        }
        checks[0].ContentType.ShouldStartWith("text/html");
        checks[0].Title.ShouldBe("Gloucestershire: children's services performance, September 2021");
        var text = Normalise(checks[0].Text);
        glos.Rows.Select(r => Normalise(r.Title)).Where(t => !text.Contains(t, StringComparison.Ordinal)).ShouldBeEmpty();
        glos.Rows.Select(r => r.Area).Distinct().Where(a => !text.Contains(a, StringComparison.Ordinal)).ShouldBeEmpty();
        checks.Skip(1).ShouldAllBe(c => c.ContentType!.StartsWith("image/svg+xml"));
        File.WriteAllText(Path.Combine(Output, "checks.json"), JsonSerializer.Serialize(checks.Select(c => new { c.Url, c.Title, c.Screenshot })));
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
