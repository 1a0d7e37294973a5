namespace KpiService.Domain.Benchmarks;

/// <summary>Geographic levels as files name them: the three the service ranks, and the others it skips with a count.</summary>
internal static class Levels
{
    public static AreaLevel? Ranked(string level) => FormatReader.Normalise(level) switch
    {
        "authority" or "local authority" or "la" => AreaLevel.Authority,
        "region" or "regional" => AreaLevel.Region,
        "england" or "national" => AreaLevel.England,
        _ => null,
    };

    /// <summary>Levels DfE and ONS publish that sit below, across or beside the ones ranked here (EES's geographic_level values among them).</summary>
    private static readonly HashSet<string> NotRanked = new(StringComparer.Ordinal)
    {
        "inner london", "outer london", "london (inner)", "london (outer)", "local authority district", "parliamentary constituency",
        "ward", "school", "provider", "institution", "mat", "sponsor", "rsc region", "opportunity area", "local enterprise partnership",
        "mayoral combined authority", "english devolved area", "local skills improvement plan area", "planning area",
        "health area", "police force area", "pcon", "lad",
    };

    public static string? SkipReason(string level) =>
        NotRanked.Contains(FormatReader.Normalise(level)) ? SkipReasons.LevelNotRanked(level) : null;
}
