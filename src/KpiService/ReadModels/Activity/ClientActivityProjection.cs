using JasperFx.Events;
using KpiService.Domain.Figures;
using KpiService.ReadModels.Reference;
using Marten;
using Marten.Events.Projections;
using Weasel.Postgresql.Tables;

namespace KpiService.ReadModels.Activity;

/// <summary>
/// Who sent what, when: figures submitted, revised (late restatements counted apart) and withdrawn per client, day
/// and authority. Async on Marten's daemon (a write need not wait for it), run by one replica at a time; each page is
/// one statement, committed with the daemon's progress so a page is counted once.
/// </summary>
public sealed partial class ClientActivityProjection(string table = ClientActivityProjection.Name) : IProjection
{
    public const string Name = "kpi.client_activity";

    public static Table Table(string name = Name) => ReferenceTables.Define(name, t =>
    {
        t.AddColumn("client_id", "text").AsPrimaryKey();
        t.AddColumn("day", "date").AsPrimaryKey();
        t.AddColumn<int>("la_number").AsPrimaryKey();
        t.AddColumn<int>("submitted").NotNull();
        t.AddColumn<int>("revised").NotNull();
        t.AddColumn<int>("late_restatements").NotNull();
        t.AddColumn<int>("withdrawn").NotNull();
    });

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var counts = new Dictionary<(string Client, DateOnly Day, int La), int[]>();
        foreach (var e in events)
        {
            if (e.Data is not FigureEvent figure) continue;
            var key = (e.UserName ?? "unknown", DateOnly.FromDateTime(e.Timestamp.UtcDateTime), figure.Key.LaNumber);
            if (!counts.TryGetValue(key, out var row)) counts[key] = row = new int[4];
            switch (figure)
            {
                case FigureSubmitted: row[0]++; break;
                case FigureRevised revised: row[1]++; if (revised.LateRestatement) row[2]++; break;
                case FigureWithdrawn: row[3]++; break;
            }
        }
        if (counts.Count == 0) return Task.CompletedTask;
        var rows = counts.ToList();
        operations.QueueSqlCommand($"""
            INSERT INTO {table} AS a (client_id, day, la_number, submitted, revised, late_restatements, withdrawn)
            SELECT * FROM unnest(?::text[], ?::date[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[])
            ON CONFLICT (client_id, day, la_number) DO UPDATE SET submitted = a.submitted + excluded.submitted, revised = a.revised + excluded.revised,
                late_restatements = a.late_restatements + excluded.late_restatements, withdrawn = a.withdrawn + excluded.withdrawn
            """,
            rows.Select(r => r.Key.Client).ToArray(), rows.Select(r => r.Key.Day).ToArray(), rows.Select(r => r.Key.La).ToArray(),
            rows.Select(r => r.Value[0]).ToArray(), rows.Select(r => r.Value[1]).ToArray(), rows.Select(r => r.Value[2]).ToArray(), rows.Select(r => r.Value[3]).ToArray());
        return Task.CompletedTask;
    }
}
