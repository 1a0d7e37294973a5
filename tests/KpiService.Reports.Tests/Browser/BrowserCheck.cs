using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KpiService.Reports.Tests.Browser;

public sealed record FailedRequest(string Url, string Error);

public sealed record AxeNode(string Target, string? Summary);

public sealed record AxeViolation(string Id, string? Impact, string Help, IReadOnlyList<AxeNode> Nodes);

/// <summary>What a real browser saw of one page: tests/browser/check-page.js's JSON result.</summary>
public sealed record PageCheck(
    string Url, int? Status, string? ContentType, string Title, string Text,
    IReadOnlyList<FailedRequest> FailedRequests, IReadOnlyList<string> ConsoleErrors, IReadOnlyList<AxeViolation> Violations, string Screenshot)
{
    /// <summary>Every problem in one readable list, for an assertion message.</summary>
    public IEnumerable<string> Problems =>
        FailedRequests.Select(f => $"failed request {f.Url}: {f.Error}")
            .Concat(ConsoleErrors.Select(e => $"console error: {e}"))
            .Concat(Violations.Select(v => $"axe {v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Target))}"));
}

/// <summary>
/// Runs tests/browser/check-page.js (Node's playwright-core driving Debian's /usr/bin/chromium, with axe-core) on one
/// or more pages and parses its results. Several pages share one browser launch, which is most of the cost.
/// Needs node on PATH and `npm install` done in tests/browser (scripts/prerequisites.sh does both).
/// </summary>
public static class BrowserCheck
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    public static async Task<PageCheck> RunAsync(string url, string screenshot, CancellationToken cancellationToken = default) =>
        (await RunAsync([(url, screenshot)], cancellationToken: cancellationToken))[0];

    /// <param name="headers">Sent with every request the pages make (the service's X-Api-Key), via CHECK_PAGE_HEADERS.</param>
    public static async Task<IReadOnlyList<PageCheck>> RunAsync(IReadOnlyList<(string Url, string Screenshot)> pages,
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        var harness = HarnessDirectory();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = harness, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(harness, "check-page.js"));
        if (headers is not null) start.Environment["CHECK_PAGE_HEADERS"] = JsonSerializer.Serialize(headers);
        foreach (var (url, screenshot) in pages)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(screenshot))!);
            start.ArgumentList.Add(url);
            start.ArgumentList.Add(Path.GetFullPath(screenshot));
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60 + 30 * pages.Count));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException($"check-page.js did not finish: {await error}"); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"check-page.js failed ({process.ExitCode}): {await error}");
        var results = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<PageCheck>(line, Json)!).ToList();
        if (results.Count != pages.Count) throw new InvalidOperationException($"expected {pages.Count} results, got {results.Count}: {await error}");
        return results;
    }

    /// <summary>tests/browser, found by walking up from the test binaries; it must have had `npm install`.</summary>
    public static string HarnessDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var harness = Path.Combine(directory.FullName, "tests", "browser");
            if (!File.Exists(Path.Combine(harness, "check-page.js"))) continue;
            if (!Directory.Exists(Path.Combine(harness, "node_modules", "playwright-core")))
                throw new InvalidOperationException($"{harness} has no node_modules: run scripts/prerequisites.sh (npm install there).");
            return harness;
        }
        throw new InvalidOperationException("tests/browser/check-page.js not found above " + AppContext.BaseDirectory);
    }
}
