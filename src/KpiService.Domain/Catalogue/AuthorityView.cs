using KpiService.Domain.Measures;

namespace KpiService.Domain.Catalogue;

/// <summary>
/// The measures one authority sees: every national measure with the authority's own code, title and performance
/// groups laid over it, then the authority's own measures. Built from that authority's catalogue alone, so what
/// Darlington defines can never appear in, or change, Gloucestershire's view.
/// </summary>
public sealed class AuthorityView
{
    private readonly Dictionary<string, Measure> _byId;
    private readonly Dictionary<string, Measure> _byCode;

    private AuthorityView(int laNumber, IReadOnlyList<Measure> measures, LabelScheme labels)
    {
        LaNumber = laNumber;
        Measures = measures;
        Labels = labels;
        _byId = measures.ToDictionary(m => m.Id);
        // Codes first, then LAIT codes, so "CSC 209" and "LACnum_Start" both find Darlington's children entering care.
        _byCode = new(StringComparer.OrdinalIgnoreCase);
        foreach (var measure in measures.Where(m => m.Code is not null)) _byCode.TryAdd(measure.Code!, measure);
        foreach (var measure in measures.Where(m => m.LaitCode is not null)) _byCode.TryAdd(measure.LaitCode!, measure);
    }

    public int LaNumber { get; }

    /// <summary>National measures in their given order, then local ones by id.</summary>
    public IReadOnlyList<Measure> Measures { get; }

    public LabelScheme Labels { get; }

    public static AuthorityView Of(IEnumerable<Measure> national, AuthorityCatalogue catalogue)
    {
        var measures = national.Where(m => !LocalMeasureIds.IsLocal(m.Id)).Select(m => Overlay(m, catalogue))
            .Concat(catalogue.LocalMeasures.Values.OrderBy(m => m.Id, StringComparer.Ordinal).Select(m => Overlay(m, catalogue)))
            .ToList();
        return new AuthorityView(catalogue.LaNumber, measures, catalogue.LabelScheme);
    }

    /// <summary>
    /// A measure by national id, this authority's qualified local id, its own slug, or a code it sees (its own
    /// <c>CSC 209</c> or a LAIT code). Null for anything else, including another authority's local measures.
    /// </summary>
    public Measure? Find(string idOrCode)
    {
        if (_byId.TryGetValue(idOrCode, out var byId)) return byId;
        if (LocalMeasureIds.IsSlug(idOrCode) && _byId.TryGetValue(LocalMeasureIds.Qualify(LaNumber, idOrCode), out var bySlug)) return bySlug;
        return _byCode.GetValueOrDefault(idOrCode);
    }

    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>The measure (other than <paramref name="exceptId"/>) that already answers to <paramref name="code"/>, if any.</summary>
    public Measure? CodeHolder(string code, string? exceptId = null) =>
        Measures.FirstOrDefault(m => m.Id != exceptId
            && (string.Equals(m.Code, code, StringComparison.OrdinalIgnoreCase) || string.Equals(m.LaitCode, code, StringComparison.OrdinalIgnoreCase)));

    private static Measure Overlay(Measure measure, AuthorityCatalogue catalogue)
    {
        var name = catalogue.LocalNames.GetValueOrDefault(measure.Id);
        var bands = catalogue.PerformanceGroups.GetValueOrDefault(measure.Id);
        if (name is null && bands is null) return measure;
        return measure with
        {
            Code = name?.Code ?? measure.Code,
            Title = name?.Title ?? measure.Title,
            PerformanceGroups = bands ?? measure.PerformanceGroups,
        };
    }
}
