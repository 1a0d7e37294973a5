namespace KpiService.Domain.Reference;

/// <summary>The stream each kind of reference data lives on (as <c>FigureKey.StreamId</c> names a figure's): never rename one.</summary>
public static class ReferenceStreams
{
    public static string Authority(int laNumber) => $"authority:{laNumber}";

    public static string Measure(string id) => $"measure:{id}";

    public static string Targets(int laNumber, string measure, string breakdown) => $"targets:{laNumber}:{measure}{(breakdown.Length == 0 ? "" : ":" + breakdown)}";

    public static string Group(string id) => $"group:{id}";

    public static string Dimension(int laNumber, string dimension) => $"dimension:{laNumber}:{dimension}";

    public static string Client(string id) => $"client:{id}";

    public static string DataSharing(string id) => $"sharing:{id}";

    public static string Neighbours(int model, int laNumber) => $"neighbours:{model}:{laNumber}";

    public static string Benchmarks(string source, string measure) => $"benchmarks:{source}:{measure}";
}
