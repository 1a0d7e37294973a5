using System.Text.Json;
using KpiService.Domain.Authorities;
using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Domain.Reference;
using KpiService.Common;
using Npgsql;

namespace KpiService.ReadModels.Reference;

/// <summary>Holds the current reference snapshot and reloads it from the read models when anything changes.</summary>
public sealed class ReferenceStore(NpgsqlDataSource dataSource, BankHolidays bankHolidays, ReadCache cache)
{
    private ReferenceSnapshot? _current;
    private readonly SemaphoreSlim _reload = new(1, 1);

    public ReferenceSnapshot Current => _current ?? throw new InvalidOperationException("Reference data is not loaded yet.");

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            _current = await LoadAsync(cancellationToken);
            cache.Clear();
        }
        finally { _reload.Release(); }
    }

    private async Task<ReferenceSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var authorities = await ReadAsync(connection, "SELECT la_number, gss_code, name, region_code, region_name, type, active FROM kpi.authorities", r =>
            new Authority(r.GetInt32(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), new Region(r.GetString(3), r.GetString(4)), r.GetString(5), r.GetBoolean(6)), cancellationToken);
        var neighbours = await ReadAsync(connection, "SELECT model, la_number, rank, neighbour, closeness FROM kpi.neighbours ORDER BY model, la_number, rank", r =>
            (Model: r.GetInt32(0), La: r.GetInt32(1), Neighbour: new Neighbour(r.GetInt32(2), r.GetInt32(3), r.GetString(4))), cancellationToken);
        var populations = await ReadAsync(connection, "SELECT la_number, year, aged_0_to_17 FROM kpi.populations", r => (La: r.GetInt32(0), Year: r.GetInt32(1), Value: r.GetDouble(2)), cancellationToken);
        var measures = await ReadAsync(connection, "SELECT body::text, version FROM kpi.measures", r => (Measure: JsonSerializer.Deserialize<Measure>(r.GetString(0), EventSerialization.Options)!, Version: r.GetInt64(1)), cancellationToken);
        var targets = await ReadAsync(connection, "SELECT body::text FROM kpi.targets ORDER BY from_start", r => JsonSerializer.Deserialize<TargetSet>(r.GetString(0), EventSerialization.Options)!, cancellationToken);
        var groups = await ReadAsync(connection, "SELECT id, name, members, owner, version FROM kpi.comparator_groups", r => (Group: new ComparatorGroupSaved(r.GetString(0), r.GetString(1), r.GetFieldValue<int[]>(2), r.IsDBNull(3) ? null : r.GetInt32(3)), Version: r.GetInt64(4)), cancellationToken);
        var dimensions = await ReadAsync(connection, "SELECT la_number, dimension, allowed FROM kpi.dimensions", r => (La: r.GetInt32(0), Dimension: r.GetString(1), Values: r.GetFieldValue<string[]>(2)), cancellationToken);
        var clients = await ReadAsync(connection, "SELECT id, name, salt, key_hash, scopes::text, created_at, expires_at, rotated_at, revoked_at, revoked_reason FROM kpi.clients", r =>
            new ClientRecord(r.GetString(0), r.GetString(1), r.GetFieldValue<byte[]>(2), r.GetFieldValue<byte[]>(3),
                JsonSerializer.Deserialize<List<ScopeGrant>>(r.GetString(4), EventSerialization.Options)!, r.GetFieldValue<DateTimeOffset>(5),
                Timestamp(r, 6), Timestamp(r, 7), Timestamp(r, 8), r.IsDBNull(9) ? null : r.GetString(9)), cancellationToken);
        var sharing = await ReadAsync(connection, "SELECT id, name, members, version FROM kpi.sharing_agreements WHERE active", r =>
            new SharingAgreement(r.GetString(0), r.GetString(1), r.GetFieldValue<int[]>(2), r.GetInt64(3)), cancellationToken);

        var states = await ReadAsync(connection, $"SELECT kind, la_number, state::text FROM {Catalogue.StreamStates.Name} WHERE kind IN ('catalogue', 'schedule')",
            r => (Kind: r.GetString(0), La: r.GetInt32(1), State: r.GetString(2)), cancellationToken);

        return new ReferenceSnapshot
        {
            Authorities = authorities.ToDictionary(a => a.LaNumber),
            AuthoritiesByGss = authorities.Where(a => a.GssCode is not null).ToDictionary(a => a.GssCode!),
            Neighbours = neighbours.GroupBy(n => (n.Model, n.La)).ToDictionary(g => g.Key, g => (IReadOnlyList<Neighbour>)[.. g.Select(n => n.Neighbour)]),
            Populations = populations.GroupBy(p => p.La).ToDictionary(g => g.Key, g => new SortedList<int, double>(g.ToDictionary(p => p.Year, p => p.Value))),
            Measures = measures.ToDictionary(m => m.Measure.Id, m => m.Measure),
            MeasureVersions = measures.ToDictionary(m => m.Measure.Id, m => m.Version),
            Targets = targets.GroupBy(t => (t.LaNumber, t.MeasureId, t.Breakdown ?? "")).ToDictionary(g => g.Key, g => (IReadOnlyList<TargetSet>)[.. g.OrderBy(t => Period.Parse(t.From))]),
            Groups = groups.ToDictionary(g => g.Group.Id, g => g.Group),
            GroupVersions = groups.ToDictionary(g => g.Group.Id, g => g.Version),
            Dimensions = dimensions.ToDictionary(d => (d.La, d.Dimension), d => (IReadOnlyList<string>)d.Values),
            Clients = clients.ToDictionary(c => c.Id),
            SharingAgreements = sharing.ToDictionary(a => a.Id),
            WorkingDays = bankHolidays.WorkingDays,
            Catalogues = states.Where(s => s.Kind == Catalogue.StreamStates.Catalogue).ToDictionary(s => s.La, s => Catalogue.StreamStates.ReadCatalogue(s.State)),
            Schedules = states.Where(s => s.Kind == Catalogue.StreamStates.Schedule).ToDictionary(s => s.La, s => Catalogue.StreamStates.ReadSchedule(s.State)),
        };
    }

    private static DateTimeOffset? Timestamp(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetFieldValue<DateTimeOffset>(column);

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
        return rows;
    }
}
