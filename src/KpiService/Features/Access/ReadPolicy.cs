using KpiService.Domain.Peers;
using KpiService.ReadModels.Reference;

namespace KpiService.Features.Access;

/// <summary>
/// This request's view of other authorities' in-year values (<see cref="SharingPolicy"/>): the authorities its client
/// may read, widened by the data-sharing agreements they are in. Over REST and gRPC alike, since both send the same
/// requests through the same handlers.
/// </summary>
public sealed class ReadPolicy(CurrentClient client, ReferenceStore reference)
{
    private Func<int, bool>? _visible;

    public bool MaySee(int laNumber, ValueSource source) =>
        !SharingPolicy.IsPrivate(source) || (_visible ??= SharingPolicy.VisibleTo(client.AuthoritiesFor(Scopes.Read),
            reference.Current.SharingAgreements.Values.Select(a => a.Members)))(laNumber);

    public const string WithheldBecause =
        "in-year values of authorities this client may not read are shown only in aggregates (means, ranks, quartiles) unless a data-sharing agreement covers them.";
}
