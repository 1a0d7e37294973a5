using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace KpiService.Tests.Contract;

/// <summary>
/// The README's "Using the API" examples, run as written: every <c>sh</c> block of that section, in a directory laid
/// out like the repository (the sample return under docs/examples) against the service started as <c>./run.sh</c>
/// starts it there, so <c>$(cat .kpi-data/admin-key.txt)</c> reads the key it generated. Only the port differs. Every
/// curl must succeed (2xx) and the answers must say what the comments beside them say.
/// </summary>
public sealed partial class ReadmeExamplesTests(ITestOutputHelper output)
{
    public static IReadOnlyList<string> Examples(string readme)
    {
        var start = readme.IndexOf("\n## Using the API", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, "README.md has no '## Using the API' section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        return [.. ShellBlock().Matches(section).Select(m => m.Groups[1].Value)];
    }

    [Fact]
    public async Task ReadmeShellExamples_RunAsWritten_AgainstAStartedService()
    {
        var examples = Examples(await File.ReadAllTextAsync(Path.Combine(ContractTools.Root, "README.md")));
        examples.ShouldNotBeEmpty();
        var script = string.Join("\n", examples);
        script.ShouldContain("KEY=$(cat .kpi-data/admin-key.txt)");

        using var directory = new TempDirectory();
        var samples = Path.Combine(directory.Path, "docs", "examples");
        Directory.CreateDirectory(samples);
        foreach (var file in Directory.GetFiles(Path.Combine(ContractTools.Root, "docs", "examples")))
            File.Copy(file, Path.Combine(samples, Path.GetFileName(file)));
        await using var service = await StartedService.StartAsync(directory.Path);

        // As written, but on this test's port; curl fails the script on any 4xx or 5xx and ends each answer with a newline.
        var address = service.RestUrl["http://".Length..];
        var runnable = "set -euo pipefail\ncurl() { command curl --fail-with-body \"$@\"; echo; }\n"
                       + script.Replace("localhost:5080", address, StringComparison.Ordinal);
        var outcome = await ContractTools.RunAsync("bash", ["-c", runnable], workingDirectory: directory.Path, timeout: TimeSpan.FromMinutes(2));
        output.WriteLine(outcome.Output);
        if (outcome.ExitCode != 0) output.WriteLine(service.Log);

        outcome.ExitCode.ShouldBe(0);
        outcome.Output.ShouldContain("\"key\":\"kpi_");                                   // the client registered
        outcome.Output.ShouldContain("\"value\":83.2,\"numerator\":104,\"denominator\":125"); // September stored
        outcome.Output.ShouldMatch("\"status\":\"amber\",\"label\":\"Yellow\"");            // rated amber, shown as Yellow
        outcome.Output.ShouldMatch("\"changeSincePrevious\":2\\.9[0-9]*");                  // up 2.9 points since August
        outcome.Output.ShouldContain("\"judgement\":\"improving\"");
        outcome.Output.ShouldMatch("\"accepted\":14,\"revised\":0,\"unchanged\":1");        // the CSV return: September's other 14 measures
        outcome.Output.ShouldContain("\"versusNeighbours\":");                              // the comparison
    }

    [GeneratedRegex("```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
