using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FluentValidation;
using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels;
using KpiService.ReadModels.EventLog;
using MediatR;
using Npgsql;

namespace KpiService.Features.Admin;

/// <summary>
/// The event log as NDJSON, one event a line, for audit and migration: streamed in pages (memory stays flat however
/// long the log), and resumable — every line carries its <c>sequence</c>, so after a broken download ask again with
/// <c>from</c> = last sequence + 1. Only final positions are exported: the export stops at a ceiling below which
/// every writer has finished, so an event that commits late can never appear below a position already handed out.
/// </summary>
public static class ExportEvents
{
    public const int PageSize = 1_000;

    public const string ExportCeilingHeader = "X-Export-Ceiling";

    /// <param name="From">The first sequence number to export (default 0, the start of the log); after a broken download, the last sequence received + 1.</param>
    /// <param name="Limit">At most this many events (1–10,000,000); leave out for everything up to the export's ceiling.</param>
    public sealed record Query(long From, long? Limit) : IRequest<EventExport>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.From).GreaterThanOrEqualTo(0).WithMessage("must be a sequence number, 0 or more.");
            RuleFor(q => q.Limit).InclusiveBetween(1, 10_000_000).When(q => q.Limit is not null).WithMessage("must be between 1 and 10,000,000 events.");
        }
    }

    /// <summary>One event as stored: position, stream, version, type, time, who and why, and the event body itself.</summary>
    public sealed record ExportedEvent(long Sequence, Guid Id, string Stream, long Version, string Type, DateTimeOffset Timestamp, string? CorrelationId, string? User, string Data);

    /// <summary>The events from <c>From</c> up to <c>Ceiling</c> (every position at or below it is final), read lazily.</summary>
    public sealed record EventExport(long From, long Ceiling, IAsyncEnumerable<ExportedEvent> Events);

    public sealed class Handler(NpgsqlDataSource dataSource) : IRequestHandler<Query, EventExport>
    {
        public async Task<EventExport> Handle(Query request, CancellationToken cancellationToken)
        {
            // Where the log ends once the writers in flight now have finished (milliseconds): the ceiling of this export.
            var tail = new EventLogTail(dataSource, StoreSchema.Name);
            await tail.StartAtHeadAsync(cancellationToken);
            return new EventExport(request.From, tail.Floor, ReadAsync(request.From, tail.Floor, request.Limit ?? long.MaxValue, cancellationToken));
        }

        private async IAsyncEnumerable<ExportedEvent> ReadAsync(long from, long ceiling, long limit, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var next = from;
            for (long exported = 0; exported < limit;)
            {
                // A page per statement: no transaction is held open while a slow client reads.
                await using var command = dataSource.CreateCommand($"""
                    SELECT seq_id, id, coalesce(stream_id, ''), version, type, timestamp, correlation_id, user_name, data::text FROM {StoreSchema.Name}.mt_events
                    WHERE seq_id >= $1 AND seq_id <= $2 AND coalesce(stream_id, '') NOT LIKE 'mt_tombstone%' AND type <> 'tombstone' ORDER BY seq_id LIMIT $3
                    """);
                command.Parameters.Add(new() { Value = next });
                command.Parameters.Add(new() { Value = ceiling });
                command.Parameters.Add(new() { Value = (int)Math.Min(PageSize, limit - exported) });
                var page = new List<ExportedEvent>(PageSize);
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                    while (await reader.ReadAsync(cancellationToken))
                        page.Add(new ExportedEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                            reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8)));
                foreach (var e in page) yield return e;
                if (page.Count == 0) yield break;
                exported += page.Count;
                next = page[^1].Sequence + 1;
            }
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/admin/events", async (long? from, long? limit, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var export = await mediator.Send(new Query(from ?? 0, limit), ct);
                http.Response.ContentType = "application/x-ndjson";
                http.Response.Headers[ExportCeilingHeader] = export.Ceiling.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteAsync(export, http.Response.BodyWriter, ct);
            })
            .WithTags("Admin").Produces<string>(200, "application/x-ndjson").WritesHeader(ExportCeilingHeader)
            .WithSummary("The event log as NDJSON, streamed: one event a line ({ sequence, id, stream, version, type, timestamp, correlationId, user, data }) "
                + "in sequence order; resume with from = last sequence + 1. X-Export-Ceiling is the last sequence this export could include. Admin.");

    private static async Task WriteAsync(EventExport export, System.IO.Pipelines.PipeWriter body, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(body);
        var written = 0;
        await foreach (var e in export.Events.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", e.Sequence);
            json.WriteString("id", e.Id);
            json.WriteString("stream", e.Stream);
            json.WriteNumber("version", e.Version);
            json.WriteString("type", e.Type);
            json.WriteString("timestamp", e.Timestamp.ToUniversalTime());
            json.WriteString("correlationId", e.CorrelationId);
            json.WriteString("user", e.User);
            json.WritePropertyName("data");
            json.WriteRawValue(e.Data, skipInputValidation: true); // jsonb as PostgreSQL holds it: already valid JSON
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            body.Write("\n"u8);
            if (++written % PageSize == 0) await body.FlushAsync(cancellationToken);
        }
        await body.FlushAsync(cancellationToken);
    }
}
