using System.Text.Json;
using KpiService.Domain.Figures;
using KpiService.Domain.Reference;
using KpiService.EventStore;
using KpiService.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace KpiService.Projections;

/// <summary>
/// Keeps the read models current in the append's own transaction and round trip: a 2xx means both the events and
/// what every query reads are committed.
/// </summary>
public sealed class ReadModelProjection : IInlineProjection
{
    public void Project(IReadOnlyList<PendingEvent> events, NpgsqlBatch batch)
    {
        foreach (var pending in events)
            if (Command(pending.Source, pending.Version) is { } command)
                batch.BatchCommands.Add(command);
    }

    public static NpgsqlBatchCommand? Command(object? @event, long version) => @event switch
    {
        FigureSubmitted e => Sql("""
            INSERT INTO kpi.figures (la_number, measure, breakdown, period, period_start, period_end, value, numerator, denominator, note,
                                     revision, first_value, first_reported_at, submitted_at, withdrawn, late_restatement, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $7, now(), now(), false, false, $11)
            ON CONFLICT (la_number, measure, breakdown, period) DO UPDATE SET value = $7, numerator = $8, denominator = $9, note = $10,
                revision = 1, first_value = $7, first_reported_at = now(), submitted_at = now(), withdrawn = false, version = $11
            """, e.Key.LaNumber, e.Key.MeasureId, e.Key.BreakdownKey, e.Key.Period.ToString(), e.Key.Period.Start, e.Key.Period.End,
            e.Figure.Value, e.Figure.Numerator, e.Figure.Denominator, e.Note, version),
        FigureRevised e => Sql("""
            UPDATE kpi.figures SET value = $5, numerator = $6, denominator = $7, note = $8, revision = $9, late_restatement = $10,
                submitted_at = now(), withdrawn = false, version = $11
            WHERE la_number = $1 AND measure = $2 AND breakdown = $3 AND period = $4
            """, e.Key.LaNumber, e.Key.MeasureId, e.Key.BreakdownKey, e.Key.Period.ToString(),
            e.Figure.Value, e.Figure.Numerator, e.Figure.Denominator, e.Note, e.Revision, e.LateRestatement, version),
        FigureWithdrawn e => Sql("""
            UPDATE kpi.figures SET withdrawn = true, submitted_at = now(), version = $5
            WHERE la_number = $1 AND measure = $2 AND breakdown = $3 AND period = $4
            """, e.Key.LaNumber, e.Key.MeasureId, e.Key.BreakdownKey, e.Key.Period.ToString(), version),
        AuthorityRegistered e => Sql("""
            INSERT INTO kpi.authorities VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (la_number) DO UPDATE SET gss_code = $2, name = $3, region_code = $4, region_name = $5, type = $6, active = $7
            """, e.LaNumber, e.GssCode, e.Name, e.RegionCode, e.RegionName, e.Type, e.Active),
        NeighboursPublished e => Sql("""
            INSERT INTO kpi.neighbours SELECT $1, $2, n.rank, n.neighbour, n.closeness FROM unnest($3::int[], $4::int[], $5::text[]) AS n(rank, neighbour, closeness)
            ON CONFLICT (model, la_number, rank) DO UPDATE SET neighbour = excluded.neighbour, closeness = excluded.closeness
            """, e.Model, e.LaNumber, e.Neighbours.Select(n => n.Rank).ToArray(), e.Neighbours.Select(n => n.LaNumber).ToArray(), e.Neighbours.Select(n => n.Closeness).ToArray()),
        PopulationSet e => Sql("""
            INSERT INTO kpi.populations VALUES ($1, $2, $3, $4)
            ON CONFLICT (la_number, year) DO UPDATE SET aged_0_to_17 = $3, source = $4
            """, e.LaNumber, e.Year, e.Aged0To17, e.Source),
        MeasureDefined e => Sql("""
            INSERT INTO kpi.measures VALUES ($1, $2::jsonb, $3) ON CONFLICT (id) DO UPDATE SET body = $2::jsonb, version = $3
            """, e.Measure.Id, JsonSerializer.Serialize(e.Measure, EventSerializer.Options), version),
        TargetSet e => Sql("""
            INSERT INTO kpi.targets VALUES ($1, $2, $3, $4, $5, $6::jsonb, now())
            ON CONFLICT (la_number, measure, breakdown, from_period) DO UPDATE SET body = $6::jsonb, set_at = now()
            """, e.LaNumber, e.MeasureId, e.Breakdown ?? "", e.From, Domain.Periods.Period.Parse(e.From).Start, JsonSerializer.Serialize(e, EventSerializer.Options)),
        ComparatorGroupSaved e => Sql("""
            INSERT INTO kpi.comparator_groups VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET name = $2, members = $3, version = $4
            """, e.Id, e.Name, e.Members.ToArray(), version),
        DimensionDeclared e => Sql("""
            INSERT INTO kpi.dimensions VALUES ($1, $2, $3, $4) ON CONFLICT (la_number, dimension) DO UPDATE SET allowed = $3, version = $4
            """, e.LaNumber, e.Dimension, e.Values.ToArray(), version),
        ClientRegistered e => Sql("""
            INSERT INTO kpi.clients VALUES ($1, $2, $3, $4, $5::jsonb, now()) ON CONFLICT (id) DO NOTHING
            """, e.Id, e.Name, e.Salt, e.KeyHash, JsonSerializer.Serialize(e.Scopes, EventSerializer.Options)),
        _ => null,
    };

    private static NpgsqlBatchCommand Sql(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(parameter switch
            {
                null => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Unknown },
                string[] texts => new NpgsqlParameter { Value = texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                _ => new NpgsqlParameter { Value = parameter },
            });
        return command;
    }
}
