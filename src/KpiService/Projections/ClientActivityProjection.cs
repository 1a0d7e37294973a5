using KpiService.EventStore;
using Npgsql;

namespace KpiService.Projections;

/// <summary>
/// Who sent what, when: figures submitted, revised (and late restatements) and withdrawn per client, day and
/// authority. An async projection (it is not needed for a write to be acknowledged), run by one replica at a time,
/// one batch and checkpoint per transaction.
/// </summary>
public sealed class ClientActivityProjection : IAsyncProjection
{
    public string Name => "client-activity";

    public const string Schema = """
        CREATE TABLE IF NOT EXISTS kpi.client_activity (
            client_id text NOT NULL, day date NOT NULL, la_number int NOT NULL,
            submitted int NOT NULL DEFAULT 0, revised int NOT NULL DEFAULT 0, late_restatements int NOT NULL DEFAULT 0, withdrawn int NOT NULL DEFAULT 0,
            PRIMARY KEY (client_id, day, la_number)
        );
        """;

    public async Task ApplyAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(string Client, DateOnly Day, int La), int[]>();
        foreach (var e in events)
        {
            var kind = e.Type switch { "FigureSubmitted" => 0, "FigureRevised" => 1, "FigureWithdrawn" => 3, _ => -1 };
            if (kind < 0) continue;
            var la = int.Parse(e.StreamId.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
            var key = (e.ClientId ?? "unknown", DateOnly.FromDateTime(e.RecordedAt.UtcDateTime), la);
            if (!counts.TryGetValue(key, out var row)) counts[key] = row = new int[4];
            row[kind]++;
            if (kind == 1 && e.Data.Contains("\"lateRestatement\": true", StringComparison.Ordinal)) row[2]++;
        }
        if (counts.Count == 0) return;
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO kpi.client_activity AS a (client_id, day, la_number, submitted, revised, late_restatements, withdrawn)
            SELECT * FROM unnest($1::text[], $2::date[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[])
            ON CONFLICT (client_id, day, la_number) DO UPDATE SET submitted = a.submitted + excluded.submitted, revised = a.revised + excluded.revised,
                late_restatements = a.late_restatements + excluded.late_restatements, withdrawn = a.withdrawn + excluded.withdrawn
            """, connection, transaction);
        var rows = counts.ToList();
        upsert.Parameters.Add(new() { Value = rows.Select(r => r.Key.Client).ToArray() });
        upsert.Parameters.Add(new() { Value = rows.Select(r => r.Key.Day).ToArray() });
        upsert.Parameters.Add(new() { Value = rows.Select(r => r.Key.La).ToArray() });
        for (var i = 0; i < 4; i++) upsert.Parameters.Add(new() { Value = rows.Select(r => r.Value[i]).ToArray() });
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}
