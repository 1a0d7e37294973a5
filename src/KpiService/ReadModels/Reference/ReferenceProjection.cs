using System.Text.Json;
using JasperFx.Events;
using KpiService.Domain.Periods;
using KpiService.Domain.Reference;
using Marten;
using Marten.Events.Projections;

namespace KpiService.ReadModels.Reference;

/// <summary>
/// Keeps the reference tables, inline: one set-based statement per kind of change in a page (the first start writes
/// thousands at once). Within a page the last change to a row wins; rows carrying a stream version never go back.
/// </summary>
public sealed partial class ReferenceProjection(Func<string, string>? rename = null) : IProjection
{
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        Write(operations, Latest<AuthorityRegistered, int>(events, e => e.LaNumber), rows => operations.QueueSqlCommand($"""
            INSERT INTO {T("kpi.authorities")} SELECT * FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bool[])
            ON CONFLICT (la_number) DO UPDATE SET gss_code = excluded.gss_code, name = excluded.name, region_code = excluded.region_code,
                region_name = excluded.region_name, type = excluded.type, active = excluded.active
            """, Col(rows, r => r.Data.LaNumber), Col(rows, r => r.Data.GssCode), Col(rows, r => r.Data.Name), Col(rows, r => r.Data.RegionCode),
            Col(rows, r => r.Data.RegionName), Col(rows, r => r.Data.Type), Col(rows, r => r.Data.Active)));

        var neighbours = Latest<NeighboursPublished, (int, int)>(events, e => (e.Model, e.LaNumber))
            .SelectMany(p => p.Data.Neighbours.Select(n => (p.Data.Model, p.Data.LaNumber, n.Rank, n.LaNumber, n.Closeness))).ToList();
        Write(operations, neighbours, rows => operations.QueueSqlCommand($"""
            INSERT INTO {T("kpi.neighbours")} SELECT * FROM unnest(?::int[], ?::int[], ?::int[], ?::int[], ?::text[])
            ON CONFLICT (model, la_number, rank) DO UPDATE SET neighbour = excluded.neighbour, closeness = excluded.closeness
            """, Col(rows, r => r.Model), Col(rows, r => r.Item2), Col(rows, r => r.Rank), Col(rows, r => r.Item4), Col(rows, r => r.Closeness)));

        Write(operations, Latest<PopulationSet, (int, int)>(events, e => (e.LaNumber, e.Year)), rows => operations.QueueSqlCommand($"""
            INSERT INTO {T("kpi.populations")} SELECT * FROM unnest(?::int[], ?::int[], ?::float8[], ?::text[])
            ON CONFLICT (la_number, year) DO UPDATE SET aged_0_to_17 = excluded.aged_0_to_17, source = excluded.source
            """, Col(rows, r => r.Data.LaNumber), Col(rows, r => r.Data.Year), Col(rows, r => r.Data.Aged0To17), Col(rows, r => r.Data.Source)));

        Write(operations, Latest<MeasureDefined, string>(events, e => e.Measure.Id), rows => operations.QueueSqlCommand($"""
            INSERT INTO {T("kpi.measures")} AS m SELECT * FROM unnest(?::text[], ?::jsonb[], ?::bigint[])
            ON CONFLICT (id) DO UPDATE SET body = excluded.body, version = excluded.version WHERE m.version < excluded.version
            """, Col(rows, r => r.Data.Measure.Id), Col(rows, r => Json(r.Data.Measure)), Col(rows, r => r.Version)));

        Write(operations, Latest<TargetSet, (int, string, string, string)>(events, e => (e.LaNumber, e.MeasureId, e.Breakdown ?? "", e.From)), rows => operations.QueueSqlCommand($"""
            INSERT INTO {T("kpi.targets")} AS t SELECT * FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::date[], ?::jsonb[], ?::timestamptz[], ?::bigint[])
            ON CONFLICT (la_number, measure, breakdown, from_period) DO UPDATE SET from_start = excluded.from_start, body = excluded.body,
                set_at = excluded.set_at, version = excluded.version
            WHERE t.version < excluded.version
            """, Col(rows, r => r.Data.LaNumber), Col(rows, r => r.Data.MeasureId), Col(rows, r => r.Data.Breakdown ?? ""), Col(rows, r => r.Data.From),
            Col(rows, r => Period.Parse(r.Data.From).Start), Col(rows, r => Json(r.Data)), Col(rows, r => r.Timestamp), Col(rows, r => r.Version)));

        Write(operations, Latest<ComparatorGroupSaved, string>(events, e => e.Id), rows => operations.QueueSqlCommand($"""
            INSERT INTO {T("kpi.comparator_groups")} AS g (id, name, members, version, owner)
            SELECT id, name, string_to_array(members, ',')::int[], version, owner
            FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::int[]) AS r(id, name, members, version, owner)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, members = excluded.members, version = excluded.version, owner = excluded.owner
            WHERE g.version < excluded.version
            """, Col(rows, r => r.Data.Id), Col(rows, r => r.Data.Name), Col(rows, r => string.Join(',', r.Data.Members)), Col(rows, r => r.Version),
            Col(rows, r => r.Data.Owner)));

        Write(operations, Latest<DimensionDeclared, (int, string)>(events, e => (e.LaNumber, e.Dimension)), rows => operations.QueueSqlCommand($"""
            INSERT INTO {T("kpi.dimensions")} AS d SELECT la_number, dimension, allowed::text[], version
            FROM unnest(?::int[], ?::text[], ?::text[], ?::bigint[]) AS r(la_number, dimension, allowed, version)
            ON CONFLICT (la_number, dimension) DO UPDATE SET allowed = excluded.allowed, version = excluded.version WHERE d.version < excluded.version
            """, Col(rows, r => r.Data.LaNumber), Col(rows, r => r.Data.Dimension), Col(rows, r => ArrayLiteral(r.Data.Values)), Col(rows, r => r.Version)));

        Write(operations, Latest<ClientRegistered, string>(events, e => e.Id), rows => operations.QueueSqlCommand($"""
            INSERT INTO {T("kpi.clients")} (id, name, salt, key_hash, scopes, created_at, version, expires_at)
            SELECT id, name, decode(salt, 'base64'), decode(key_hash, 'base64'), scopes, created_at, version, expires_at
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::jsonb[], ?::timestamptz[], ?::bigint[], ?::timestamptz[]) AS r(id, name, salt, key_hash, scopes, created_at, version, expires_at)
            ON CONFLICT (id) DO NOTHING
            """, Col(rows, r => r.Data.Id), Col(rows, r => r.Data.Name), Col(rows, r => Convert.ToBase64String(r.Data.Salt)),
            Col(rows, r => Convert.ToBase64String(r.Data.KeyHash)), Col(rows, r => Json(r.Data.Scopes)), Col(rows, r => r.Timestamp), Col(rows, r => r.Version),
            Col(rows, r => r.Data.ExpiresAt)));
        WriteAccess(operations, events);
        return Task.CompletedTask;
    }

    private string T(string table) => ReferenceTables.Name(table, rename);

    /// <summary>The last event of a type per key in this page, in log order.</summary>
    private static List<IEvent<T>> Latest<T, TKey>(IReadOnlyList<IEvent> events, Func<T, TKey> key) where T : notnull where TKey : notnull
    {
        var latest = new Dictionary<TKey, IEvent<T>>();
        foreach (var e in events)
            if (e is IEvent<T> typed) latest[key(typed.Data)] = typed;
        return [.. latest.Values];
    }

    private static void Write<T>(IDocumentOperations operations, List<T> rows, Action<List<T>> queue)
    {
        if (rows.Count > 0) queue(rows);
    }

    private static TValue[] Col<T, TValue>(List<T> rows, Func<T, TValue> column) => [.. rows.Select(column)];

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, EventSerialization.Options);

    // A text[] literal for one row of a text[][] column (unnest cannot take ragged arrays).
    private static string ArrayLiteral(IEnumerable<string> values) =>
        "{" + string.Join(',', values.Select(v => "\"" + v.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")) + "}";
}
