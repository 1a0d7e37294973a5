namespace KpiService.Domain.Peers;

/// <summary>
/// Which authorities' in-year (submitted) values a reader may see one by one. Published figures (LAIT, EES) are
/// public and always visible. A submitted monthly value is a council's unpublished management information: a reader
/// sees it for the authorities it may read, and for those that share with one of them under a data-sharing
/// agreement (the regional benchmarking clubs' practice). Everyone else's appear only inside aggregates: means,
/// ranks, quartiles.
/// </summary>
public static class SharingPolicy
{
    /// <param name="readable">The authorities the reader may read; null for every authority (operator, "*" clients).</param>
    /// <param name="agreements">Each agreement's members.</param>
    public static Func<int, bool> VisibleTo(IReadOnlyCollection<int>? readable, IEnumerable<IReadOnlyList<int>> agreements)
    {
        if (readable is null) return _ => true;
        var visible = new HashSet<int>(readable);
        foreach (var members in agreements)
            if (members.Any(readable.Contains)) visible.UnionWith(members);
        return visible.Contains;
    }

    /// <summary>Whether a value from this source needs the reader's right to see it individually.</summary>
    public static bool IsPrivate(ValueSource source) => source == ValueSource.Submitted;
}
