using System.Text;

namespace KpiService.Benchmarks;

public static class Report
{
    public static string Markdown(List<(string Name, string Service, string Baseline, string Ratio, string Goal, bool Met)> rows, bool quick, TimeSpan took, string? soak)
    {
        var text = new StringBuilder();
        text.AppendLine("# KpiService benchmarks").AppendLine();
        text.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {Memory()} RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
                        $".NET {Environment.Version}, PostgreSQL 15 with durability on (fsync, synchronous commit), everything on this one machine over loopback. " +
                        $"{(quick ? "Quick run (`--quick`): a fraction of the dataset; not for quoting. " : "")}The run took {took.TotalMinutes:F1} minutes.").AppendLine();
        text.AppendLine("Every service figure is set beside a baseline measured in the same run; the ratio is what the goal holds. Rows marked " +
                        "(Marten alone) measure Marten's own API with the service's event configuration and no read models: the most the " +
                        "service could reach through it; (service's share) sets the service against that. Run with `./bench.sh`.").AppendLine();
        text.AppendLine("| measure | service | baseline | ratio | goal | met |").AppendLine("|---|---|---|---|---|---|");
        foreach (var row in rows) text.AppendLine($"| {row.Name} | {row.Service} | {row.Baseline} | {row.Ratio} | {row.Goal} | {(row.Goal.StartsWith('(') ? "—" : row.Met ? "yes" : "**no**")} |");
        text.AppendLine().AppendLine("What limits each missed goal, with the experiments that show it: [performance-limits.md](performance-limits.md). " +
                                     "The last clean run of the store Marten replaced: [benchmarks-own-store-2026-11-22.md](benchmarks-own-store-2026-11-22.md).");
        if (soak is not null) text.AppendLine().AppendLine(soak);
        return text.ToString();
    }

    private static string Memory()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First() : "";
        return line.Length == 0 ? "?" : $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024 / 1024} GB";
    }
}
