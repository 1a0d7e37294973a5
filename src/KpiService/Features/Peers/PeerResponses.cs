using KpiService.Domain.Authorities;
using KpiService.Domain.Peers;

namespace KpiService.Features.Peers;

/// <summary>One authority's value in a comparison, with the period it is for and where it came from.</summary>
/// <param name="Withheld">True when the value is another authority's in-year figure this client may see only in aggregates (the means still count it).</param>
public sealed record MemberValue(string? Code, int LaNumber, string? Name, double? Value, string? Period, ValueSource? Source, bool Withheld = false)
{
    public static MemberValue Of(int laNumber, PeerValue? value, IReadOnlyDictionary<int, Authority> authorities, Access.ReadPolicy policy)
    {
        var authority = authorities.GetValueOrDefault(laNumber);
        if (value is not null && !policy.MaySee(laNumber, value.Source))
            return new MemberValue(authority?.GssCode, laNumber, authority?.Name, null, value.Period.ToString(), value.Source, Withheld: true);
        return new MemberValue(authority?.GssCode, laNumber, authority?.Name, value?.Value, value?.Period.ToString(), value?.Source);
    }
}

/// <summary>A group's simple and population-weighted means over the members with a value (<c>Count</c> of <c>Of</c>).</summary>
public sealed record GroupResponse(string Id, string Name, double? Average, double? WeightedAverage, int Count, int Of, IReadOnlyList<MemberValue> Members)
{
    public static GroupResponse From(string id, string name, GroupAverage group, IReadOnlyDictionary<int, Authority> authorities, Access.ReadPolicy policy) =>
        new(id, name, group.Average, group.WeightedAverage, group.Count, group.Of, [.. group.Members.Select(m => MemberValue.Of(m.LaNumber, m.Value, authorities, policy))]);
}

/// <summary>A region or England value: published (a true aggregate) or computed from the authorities' parts.</summary>
/// <param name="ComputedFrom">How many authorities a computed value was summed from.</param>
public sealed record AreaResponse(string Code, string Name, double? Value, string? Mark, string Period, ValueSource Source, int? ComputedFrom, string? Note)
{
    public static AreaResponse From(string name, AreaFigure area) =>
        new(area.Code, name, area.Value, area.Mark, area.Period.ToString(), area.Source, area.From, area.Note);
}
