using KpiService.ReadModels.Reference;

namespace KpiService.Features.DataSharing;

public sealed record AgreementResponse(string Id, string Name, IReadOnlyList<AuthorityReference> Members)
{
    public static AgreementResponse From(string id, string name, IEnumerable<int> members, ReferenceSnapshot reference) =>
        new(id, name, [.. members.Where(reference.Authorities.ContainsKey).Select(la => reference.Authorities[la].ToReference())]);
}
