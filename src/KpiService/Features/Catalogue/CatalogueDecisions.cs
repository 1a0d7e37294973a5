using KpiService.Common;
using KpiService.Domain.Authorities;
using KpiService.Domain.Catalogue;
using KpiService.ReadModels.Catalogue;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Reference;

namespace KpiService.Features.Catalogue;

/// <summary>
/// The write path every catalogue change shares: fold the authority's catalogue stream, let the domain decide the
/// command against the national catalogue and the measures that have figures, append at the stream's version.
/// </summary>
public sealed class CatalogueChanges(ReferenceStore reference, FigureQueries figures, StreamWrites writes)
{
    public async Task<(AuthorityCatalogue Catalogue, StreamWrite Written)> DecideAsync(Authority authority, CatalogueCommand command, Preconditions preconditions, CancellationToken cancellationToken)
    {
        var facts = new CatalogueFacts(reference.Current.Measures, await figures.GetMeasuresWithFiguresAsync(authority.LaNumber, cancellationToken));
        AuthorityCatalogue? after = null;
        var written = await writes.WriteAsync(StreamStates.CatalogueStream(authority.LaNumber), preconditions, $"the catalogue of {authority.Name}", history =>
        {
            var state = AuthorityCatalogue.Fold(authority.LaNumber, history.OfType<CatalogueEvent>());
            var decision = CatalogueDecider.Decide(state, command, facts);
            after = decision is Domain.Decision<CatalogueEvent>.Accepted accepted ? accepted.Events.Aggregate(state, AuthorityCatalogue.Evolve) : state;
            return decision;
        }, cancellationToken);
        return (after!, written);
    }
}

/// <summary>
/// The write path the reporting schedule's changes share: fold the authority's schedule stream, let the domain decide
/// the command against what the authority sees, append at the stream's version.
/// </summary>
public sealed class ScheduleChanges(ReferenceStore reference, StreamWrites writes)
{
    public async Task<ReportingSchedule> DecideAsync(Authority authority, ScheduleCommand command, Preconditions preconditions, CancellationToken cancellationToken)
    {
        var view = reference.Current.ViewOf(authority.LaNumber);
        ReportingSchedule? after = null;
        await writes.WriteAsync(ScheduleStreams.Of(authority.LaNumber), preconditions, $"the reporting schedule of {authority.Name}", history =>
        {
            var state = ReportingSchedule.Fold(authority.LaNumber, history.OfType<ScheduleEvent>());
            var decision = ScheduleDecider.Decide(state, command, view);
            after = decision is Domain.Decision<ScheduleEvent>.Accepted accepted ? accepted.Events.Aggregate(state, ReportingSchedule.Evolve) : state;
            return decision;
        }, cancellationToken);
        return after!;
    }
}
