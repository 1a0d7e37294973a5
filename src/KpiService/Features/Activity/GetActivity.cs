using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;
using Npgsql;

namespace KpiService.Features.Activity;

public static class GetActivity
{
    public sealed record Query(DateOnly? From, DateOnly? To) : IRequest<ActivityReport>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    public sealed record ClientName(string Id, string Name);

    public sealed record ActivityRow(ClientName Client, DateOnly Day, AuthorityReference Authority, int Submitted, int Revised, int LateRestatements, int Withdrawn);

    /// <summary>Which client systems submitted, revised and withdrew figures, per day and authority.</summary>
    public sealed record ActivityReport(DateOnly From, DateOnly To, IReadOnlyList<ActivityRow> Activity);

    public sealed class Handler(NpgsqlDataSource dataSource, ReferenceStore reference, TimeProvider clock) : IRequestHandler<Query, ActivityReport>
    {
        public async Task<ActivityReport> Handle(Query request, CancellationToken cancellationToken)
        {
            var to = request.To ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var from = request.From ?? to.AddDays(-30);
            if (from > to) throw ValidationFailedException.Of("from", "is after to.");
            await using var command = dataSource.CreateCommand("""
                SELECT client_id, day, la_number, submitted, revised, late_restatements, withdrawn FROM kpi.client_activity
                WHERE day BETWEEN $1 AND $2 ORDER BY day, client_id, la_number
                """);
            command.Parameters.Add(new() { Value = from });
            command.Parameters.Add(new() { Value = to });
            var rows = new List<ActivityRow>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var current = reference.Current;
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(new ActivityRow(
                    new ClientName(reader.GetString(0), current.Clients.TryGetValue(reader.GetString(0), out var c) ? c.Name : reader.GetString(0)),
                    reader.GetFieldValue<DateOnly>(1),
                    current.Authorities.TryGetValue(reader.GetInt32(2), out var a) ? a.ToReference() : new AuthorityReference(null, reader.GetInt32(2), ""),
                    reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6)));
            return new ActivityReport(from, to, rows);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/activity", (string? from, string? to, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(IsoTimestamp.ParseDate("from", from), IsoTimestamp.ParseDate("to", to)), ct))
            .WithTags("Access").WithSummary("Which client systems submitted, revised and withdrew figures, per day and authority (an async projection: seconds behind). Admin.");
}
