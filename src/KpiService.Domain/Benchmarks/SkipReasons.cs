namespace KpiService.Domain.Benchmarks;

/// <summary>Why a row is skipped rather than stored: each reason is counted in the import's answer, never an error.</summary>
public static class SkipReasons
{
    /// <summary>LAIT (987, 988) and EES (E13000001, E13000002) publish London split in two; the service ranks regions whole.</summary>
    public const string LondonSplit = "Inner and Outer London are published but not ranked";

    /// <summary>LAIT's download dates a few rows year 0, all without a value.</summary>
    public const string LaitYearZero = "LAIT's year 0: no year and no value";

    public static string LevelNotRanked(string level) => $"level '{FormatReader.Normalise(level)}' is not ranked";

    public static string FilteredOut(string column, string wanted) => $"filtered out: {column} is not '{wanted}'";
}
