using KpiService.Domain.Authorities;
using KpiService.Domain.Measures;
using KpiService.Domain.Peers;

namespace KpiService.Features.Peers;

/// <summary>One authority's value in a comparison, with the period it is for and where it came from.</summary>
/// <param name="Withheld">True when the value is another authority's in-year figure this client may see only in aggregates (the means still count it).</param>
/// <param name="Mark">The suppression mark published in place of its value (<c>c</c>, <c>-</c>…): it is left out of the means and counted as suppressed.</param>
public sealed record MemberValue(string? Code, int LaNumber, string? Name, double? Value, string? Period, ValueSource? Source, bool Withheld = false, string? Mark = null)
{
    public static MemberValue Of(int laNumber, PeerValue? value, PublishedMark? mark, IReadOnlyDictionary<int, Authority> authorities, Access.ReadPolicy policy)
    {
        var authority = authorities.GetValueOrDefault(laNumber);
        if (value is not null && !policy.MaySee(laNumber, value.Source))
            return new MemberValue(authority?.GssCode, laNumber, authority?.Name, null, value.Period.ToString(), value.Source, Withheld: true);
        if (value is null && mark is not null)
            return new MemberValue(authority?.GssCode, laNumber, authority?.Name, null, mark.Period.ToString(), ValueSource.Published, Mark: mark.Mark);
        return new MemberValue(authority?.GssCode, laNumber, authority?.Name, value?.Value, value?.Period.ToString(), value?.Source);
    }
}

/// <summary>
/// A group's simple and population-weighted means over the members with a value (<c>Count</c> of <c>Of</c>), to the
/// measure's decimal places as published figures are, with the unrounded means beside them. Members without a value
/// are left out and counted: <c>Suppressed</c> (a mark published instead) and <c>Missing</c> (nothing for the period;
/// never an older year's value in its place).
/// </summary>
public sealed record GroupResponse(string Id, string Name, double? Average, double? AverageUnrounded, double? WeightedAverage, double? WeightedAverageUnrounded,
    int Count, int Of, int Suppressed, int Missing, IReadOnlyList<MemberValue> Members)
{
    public static GroupResponse From(string id, string name, GroupAverage group, Measure measure, PeerData data, IReadOnlyDictionary<int, Authority> authorities, Access.ReadPolicy policy) =>
        new(id, name, Rounded(measure, group.Average), group.Average, Rounded(measure, group.WeightedAverage), group.WeightedAverage,
            group.Count, group.Of, group.Suppressed, group.Missing, MembersOf(group, data, authorities, policy));

    public static List<MemberValue> MembersOf(GroupAverage group, PeerData data, IReadOnlyDictionary<int, Authority> authorities, Access.ReadPolicy policy) =>
        [.. group.Members.Select(m => MemberValue.Of(m.LaNumber, m.Value, data.MarkOf(m.LaNumber), authorities, policy))];

    /// <summary>A mean as the measure's figures are published: to its decimal places.</summary>
    public static double? Rounded(Measure measure, double? mean) => mean is { } value ? measure.Round(value) : null;
}

/// <summary>A region or England value: published (a true aggregate) or computed from the authorities' parts.</summary>
/// <param name="ComputedFrom">How many authorities a computed value was summed from.</param>
public sealed record AreaResponse(string Code, string Name, double? Value, string? Mark, string Period, ValueSource Source, int? ComputedFrom, string? Note)
{
    public static AreaResponse From(string name, AreaFigure area) =>
        new(area.Code, name, area.Value, area.Mark, area.Period.ToString(), area.Source, area.From, area.Note);
}
