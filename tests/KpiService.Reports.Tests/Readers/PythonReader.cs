using System.Diagnostics;
using System.Text.Json;

namespace KpiService.Reports.Tests.Readers;

/// <summary>
/// Runs one of the reader scripts beside this file with Debian's /usr/bin/python3 (which has python3-openpyxl; the
/// python3 first on PATH may be another one) and parses the JSON it prints.
/// </summary>
public static class PythonReader
{
    public const string Python = "/usr/bin/python3";

    public static JsonElement Run(string script, string file)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Readers", script), file },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000)) { process.Kill(true); throw new TimeoutException($"{script} did not finish in 60 s"); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {error.Result}");
        return JsonDocument.Parse(output.Result).RootElement.Clone();
    }
}
