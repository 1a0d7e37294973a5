using KpiService.Domain.Reference;
using KpiService.ReadModels.Reference;

namespace KpiService.Features.ComparatorGroups;

/// <summary>A named comparator group, its members, and the authority that keeps it (none: the operator).</summary>
public sealed record GroupDefinition(string Id, string Name, IReadOnlyList<AuthorityReference> Members, AuthorityReference? Owner)
{
    public static GroupDefinition From(ComparatorGroupSaved group, ReferenceSnapshot reference) => new(
        group.Id, group.Name, [.. group.Members.Select(la => reference.Authorities[la].ToReference())],
        group.Owner is { } owner && reference.Authorities.TryGetValue(owner, out var a) ? a.ToReference() : null);
}
