using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Reference;

/// <summary>
/// What may change in reference data, given what its stream already holds. Each decision returns the events to append
/// (none when nothing would change, so a repeated PUT is a no-op) or every rule the change breaks, naming its field.
/// </summary>
public static class ReferenceDecisions
{
    /// <summary>A measure's unit cannot change once figures exist: every stored value would change its meaning.</summary>
    /// <param name="catalogue">The other measures: a code or LAIT code one of them already has names that measure, so
    /// defining it again would split its figures and published values over two (every LAIT measure is shipped).</param>
    public static Decision<ReferenceEvent> DefineMeasure(IReadOnlyList<object> history, Measure proposed, bool hasFigures, IEnumerable<Measure>? catalogue = null)
    {
        foreach (var (field, code) in new[] { ("code", proposed.Code), ("laitCode", proposed.LaitCode) })
            if (code is not null && catalogue?.FirstOrDefault(m => m.Id != proposed.Id && (Same(m.Code, code) || Same(m.LaitCode, code))) is { } other)
                return Decision<ReferenceEvent>.Reject(field, $"'{code}' is already {(Same(other.LaitCode, code) ? "the LAIT code" : "the code")} of '{other.Id}' ({other.Title}): "
                    + "use that measure (a council may give it its own code and title) rather than defining it again.");
        var current = history.OfType<MeasureDefined>().LastOrDefault()?.Measure;
        if (current is not null && current.Unit != proposed.Unit && hasFigures)
            return Decision<ReferenceEvent>.Reject("unit", $"'{proposed.Id}' is a {Name(current.Unit)} with figures stored; its unit cannot become {Name(proposed.Unit)}. Define a new measure instead.");
        if (current is not null && SameMeasure(current, proposed)) return Decision<ReferenceEvent>.Nothing;
        return Decision<ReferenceEvent>.Append(new MeasureDefined(proposed));
    }

    /// <summary>
    /// A rule for a period replaces the rule set for that same period; setting the same rule again changes nothing.
    /// (Whether the rule itself is sound — a neutral measure, a band table with a gap — is checked on the input.)
    /// </summary>
    public static Decision<ReferenceEvent> SetTarget(IReadOnlyList<object> history, TargetSet proposed)
    {
        var same = history.OfType<TargetSet>().LastOrDefault(t => t.From == proposed.From);
        return same is not null && Json(same) == Json(proposed) ? Decision<ReferenceEvent>.Nothing : Decision<ReferenceEvent>.Append(proposed);
    }

    /// <summary>A group keeps the owner it was created with; only the member list and name change.</summary>
    public static Decision<ReferenceEvent> SaveGroup(IReadOnlyList<object> history, ComparatorGroupSaved proposed)
    {
        var current = history.OfType<ComparatorGroupSaved>().LastOrDefault();
        if (current is not null && current.Owner != proposed.Owner)
            return Decision<ReferenceEvent>.Reject("owner", $"comparator group '{proposed.Id}' is kept by {Owner(current.Owner)}; it cannot pass to {Owner(proposed.Owner)}.");
        if (current is not null && current.Name == proposed.Name && current.Members.SequenceEqual(proposed.Members)) return Decision<ReferenceEvent>.Nothing;
        return Decision<ReferenceEvent>.Append(proposed);
    }

    /// <summary>A value with figures stored under it cannot be dropped from a dimension: they would belong to nothing.</summary>
    public static Decision<ReferenceEvent> DeclareDimension(IReadOnlyList<object> history, DimensionDeclared proposed, IReadOnlySet<string> valuesWithFigures)
    {
        var dropped = valuesWithFigures.Where(v => !proposed.Values.Contains(v)).Order(StringComparer.Ordinal).ToList();
        if (dropped.Count > 0)
            return Decision<ReferenceEvent>.Reject("values", $"{string.Join(", ", dropped)} {(dropped.Count == 1 ? "has" : "have")} figures stored; keep {(dropped.Count == 1 ? "it" : "them")} in the {proposed.Dimension} values.");
        var current = history.OfType<DimensionDeclared>().LastOrDefault();
        return current is not null && current.Values.SequenceEqual(proposed.Values) ? Decision<ReferenceEvent>.Nothing : Decision<ReferenceEvent>.Append(proposed);
    }

    public static Decision<ReferenceEvent> SetPopulation(IReadOnlyList<object> history, PopulationSet proposed)
    {
        if (!history.OfType<AuthorityRegistered>().Any())
            return Decision<ReferenceEvent>.Reject("authority", $"authority {proposed.LaNumber} is not registered.");
        var current = history.OfType<PopulationSet>().LastOrDefault(p => p.Year == proposed.Year);
        return current is not null && current.Aged0To17.Equals(proposed.Aged0To17) && current.Source == proposed.Source
            ? Decision<ReferenceEvent>.Nothing : Decision<ReferenceEvent>.Append(proposed);
    }

    private static bool Same(string? a, string b) => a is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool SameMeasure(Measure a, Measure b) =>
        a with { PerformanceGroups = null } == b with { PerformanceGroups = null }
        && (a.PerformanceGroups ?? []).SequenceEqual(b.PerformanceGroups ?? []);

    // Records holding lists compare by reference; their printed form compares by value.
    private static string Json(TargetSet t) =>
        $"{t.Target}|{t.Tolerance}|{string.Join(";", t.Bands ?? [])}|{t.BenchmarkGroup}|{t.BenchmarkMargin}|{string.Join(";", (t.Labels ?? new Dictionary<RagStatus, string>()).OrderBy(l => l.Key))}|{t.TrajectoryStart}|{t.TrajectoryBy}";

    private static string Owner(int? laNumber) => laNumber is { } la ? $"authority {la}" : "the operator";

    private static string Name(Unit unit) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(unit.ToString());
}
