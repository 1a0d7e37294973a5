using KpiService.Domain.Catalogue;
using KpiService.Domain.Dashboards;
using KpiService.Domain.Peers;

namespace KpiService.Reports.Tidy;

/// <summary>
/// A dashboard as tidy rows: every value in each measure's window (the months the pack's sparkline draws), the
/// period itself carrying its target, numerator and denominator, a row stating the data state where the period has
/// no figure (the seeds print "data due" rather than drop the line, seeds/001 line 836), then the latest
/// statistical-neighbour, region and England values, each with its own period.
/// </summary>
public static class DashboardTidyRows
{
    public static IEnumerable<TidyRow> From(Dashboard dashboard)
    {
        var (authority, labels) = (dashboard.Authority, dashboard.Labels);
        foreach (var group in dashboard.Groups)
            foreach (var row in group.Rows)
            {
                var measure = row.Measure;
                TidyRow Row(Domain.Periods.Period period, double? value) => new(
                    TidyLevel.Authority, authority.Code, authority.LaNumber, authority.Name,
                    measure.Id, measure.Code, measure.Title, measure.Area, measure.Unit, measure.DecimalPlaces,
                    period, dashboard.Breakdown, value);

                var rating = row.Assessment?.Rating;
                var periodWritten = false;
                foreach (var point in row.Series.OrderBy(p => p.Period))
                {
                    if (rating is not null && point.Period == rating.Period)
                    {
                        periodWritten = true;
                        yield return Row(point.Period, rating.Value) with
                        {
                            Numerator = rating.Numerator, Denominator = rating.Denominator, Target = rating.Target,
                            Status = rating.Status, Label = labels.For(rating.Status).Name, DataState = DataState.Received,
                        };
                    }
                    else if (point.Value is { } value)
                        yield return Row(point.Period, value) with
                        {
                            Status = point.Status, Label = point.Status is { } s ? labels.For(s).Name : null, DataState = DataState.Received,
                        };
                }
                if (rating is not null && !periodWritten)
                    yield return Row(rating.Period, rating.Value) with
                    {
                        Numerator = rating.Numerator, Denominator = rating.Denominator, Target = rating.Target,
                        Status = rating.Status, Label = labels.For(rating.Status).Name, DataState = DataState.Received,
                    };
                else if (rating is null)
                    yield return Row(dashboard.Period, null) with { DataState = row.DataState, Note = row.DataStateReason };

                if (row.Peers is { } peers)
                    foreach (var (level, name, peer) in PeerValues(peers))
                        if (peer is { Value: { } peerValue })
                            yield return new TidyRow(
                                level, null, null, name, measure.Id, measure.Code, measure.Title, measure.Area, measure.Unit,
                                measure.DecimalPlaces, peer.Period ?? dashboard.Period, dashboard.Breakdown, peerValue,
                                Note: PeerNote(peer));
            }
    }

    private static IEnumerable<(TidyLevel, string, ComparatorValue?)> PeerValues(PeerSnapshot peers)
    {
        yield return (TidyLevel.StatisticalNeighbours, "Statistical neighbours", peers.Neighbours);
        yield return (TidyLevel.Region, "Region", peers.Region);
        yield return (TidyLevel.England, "England", peers.England);
    }

    private static string PeerNote(ComparatorValue peer) =>
        peer.Count is { } count ? $"{peer.Source}; {count} authorities" : peer.Source;
}
