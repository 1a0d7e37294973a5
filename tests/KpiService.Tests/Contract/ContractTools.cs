using System.Diagnostics;
using System.Text;

namespace KpiService.Tests.Contract;

/// <summary>
/// Runs the contract harness in tests/contract (bash, node and python3 scripts) as a CI machine would, capturing
/// everything it prints. The npm tools are installed by scripts/prerequisites.sh; without them the tests fail and say so.
/// </summary>
public static class ContractTools
{
    public static string Root => KestrelServiceFixture.RepositoryRoot();
    public static string Harness => Path.Combine(Root, "tests", "contract");

    public static void RequireInstalled()
    {
        var spectral = Path.Combine(Harness, "node_modules", ".bin", "spectral");
        File.Exists(spectral).ShouldBeTrue($"The contract tools are not installed ({spectral}): run scripts/prerequisites.sh.");
    }

    public sealed record Outcome(int ExitCode, string Output);

    public static async Task<Outcome> RunAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null,
        string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory ?? Root };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        void Append(string? line) { if (line is not null) lock (output) output.AppendLine(line); }
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Append($"[killed after {timeout ?? TimeSpan.FromMinutes(5)}]");
            return new Outcome(-1, output.ToString());
        }
        process.WaitForExit();
        lock (output) return new Outcome(process.ExitCode, output.ToString());
    }

    /// <summary>A key for a case-management vendor: read and submit for Gloucestershire only, as an administrator would issue it.</summary>
    public static async Task<string> VendorKeyAsync(HttpClient admin)
    {
        var response = await admin.PostAsync("/api/v1/clients", new StringContent(
            """{"name":"Contract vendor","scopes":["read","submit"],"authorities":["E10000013"]}""", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Json()).GetProperty("key").GetString()!;
    }
}
