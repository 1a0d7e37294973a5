using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KpiService.Domain.Figures;
using KpiService.EventStore;
using KpiService.Infrastructure;
using KpiService.Infrastructure.Access;
using KpiService.ReferenceData;
using MediatR;
using Npgsql;

namespace KpiService.Features.Figures;

public static class SubmitReturn
{
    /// <summary>Above this many changes a return is written with binary COPY instead of one batched statement.</summary>
    public const int CopyThreshold = 2_000;

    public sealed record Result(int Accepted, int Revised, int Unchanged, string? IdempotencyKey, bool Replayed = false);

    public sealed record Command(string Authority, ReturnInput.Parsed Input, string? IdempotencyKey) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Submit;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, FigureStore figures, PostgresEventStore events, NpgsqlDataSource dataSource, CurrentClient client, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.FindAuthority(request.Authority)
                ?? throw ValidationFailedException.Of("authority", $"'{request.Authority}' is not a known GSS code or LA number.");
            if (request.IdempotencyKey is { Length: > 200 }) throw ValidationFailedException.Of("Idempotency-Key", "is longer than 200 characters.");

            var now = clock.GetUtcNow();
            var problems = new List<FieldProblem>(request.Input.Problems);
            var valid = new List<ValidFigure>(request.Input.Figures.Count);
            var seen = new Dictionary<string, string>();
            foreach (var (item, prefix) in request.Input.Figures)
            {
                if (FigureSubmission.Check(current, authority, item, prefix, DateOnly.FromDateTime(now.UtcDateTime), problems) is not { } figure) continue;
                if (seen.TryGetValue(figure.Key.StreamId, out var first))
                    problems.Add(new(prefix + "period", $"duplicates {first.TrimEnd('.')}: {figure.Key.MeasureId} {figure.Key.Period}{(figure.Key.Breakdown is null ? "" : " " + figure.Key.Breakdown)} appears twice in this return."));
                else seen[figure.Key.StreamId] = prefix;
                valid.Add(figure);
            }
            if (problems.Count > 0) throw ValidationFailedException.Of(problems.Select(p => (p.Field, p.Message)));
            if (valid.Count == 0) throw ValidationFailedException.Of("figures", "the return holds no figures.");

            var requestHash = Hash(valid);
            if (request.IdempotencyKey is { } key && await StoredAsync(key, requestHash, cancellationToken) is { } replay) return replay;

            var existing = await figures.GetForReturnAsync(authority.LaNumber, [.. valid.Select(v => v.Key.MeasureId).Distinct()], cancellationToken);
            var (accepted, revised, unchanged) = (0, 0, 0);
            var writes = new List<(FigureEvent Event, long ExpectedVersion)>();
            foreach (var figure in valid)
            {
                var row = existing.GetValueOrDefault((figure.Key.MeasureId, figure.Key.BreakdownKey, figure.Key.Period.ToString()));
                var state = row?.ToState() ?? FigureState.None;
                switch (Figure.Submit(state, figure.Key, figure.Value, figure.Note, now))
                {
                    case FigureDecision.Unchanged: unchanged++; break;
                    case FigureDecision.Append { Created: true } a: accepted++; writes.Add((a.Event, state.Version)); break;
                    case FigureDecision.Append a: revised++; writes.Add((a.Event, state.Version)); break;
                }
            }
            var result = new Result(accepted, revised, unchanged, request.IdempotencyKey);
            try
            {
                await WriteAsync(writes, request.IdempotencyKey, requestHash, result, cancellationToken);
            }
            catch (Exception e) when (e is ConcurrencyException or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A retry of the same return raced this one: answer as the first one did.
                if (request.IdempotencyKey is { } k && await StoredAsync(k, requestHash, cancellationToken) is { } first) return first;
                throw new ConflictException("Figures in this return were changed by another writer at the same moment; nothing was stored. Send the return again.");
            }
            return result;
        }

        private async Task WriteAsync(List<(FigureEvent Event, long ExpectedVersion)> writes, string? idempotencyKey, string requestHash, Result result, CancellationToken cancellationToken)
        {
            void Remember(NpgsqlBatch batch)
            {
                if (idempotencyKey is null) return;
                var command = new NpgsqlBatchCommand("INSERT INTO kpi.idempotency (client_id, key, request_hash, response) VALUES ($1, $2, $3, $4::jsonb)");
                command.Parameters.Add(new() { Value = client.Id ?? "" });
                command.Parameters.Add(new() { Value = idempotencyKey });
                command.Parameters.Add(new() { Value = requestHash });
                command.Parameters.Add(new() { Value = JsonSerializer.Serialize(result, Json.Options) });
                batch.BatchCommands.Add(command);
            }

            if (writes.Count == 0)
            {
                if (idempotencyKey is null) return;
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var batch = new NpgsqlBatch(connection);
                Remember(batch);
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            else if (writes.Count <= CopyThreshold)
            {
                // A few hundred figures: one statement appends every stream, the projection rides in the same batch.
                await events.AppendAsync([.. writes.Select(w => new StreamWrite(w.Event.Key.StreamId, w.ExpectedVersion, [EventSerializer.ToNew(w.Event)]))],
                    client.Metadata, Remember, cancellationToken);
            }
            else
            {
                // A back-load of tens of thousands: binary COPY for the events and for the read model, one transaction.
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await events.AppendAsync(connection, transaction,
                    [.. writes.Select(w => { var n = EventSerializer.ToNew(w.Event); return new BulkEvent(w.Event.Key.StreamId, w.ExpectedVersion, n.Type, n.Data); })],
                    client.Metadata, cancellationToken);
                await FigureBulkProjection.ApplyAsync(connection, transaction, [.. writes.Select(w => (w.Event, w.ExpectedVersion + 1))], cancellationToken);
                await using (var batch = new NpgsqlBatch(connection, transaction))
                {
                    Remember(batch);
                    if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                events.Committed([.. writes.Select(w => w.Event.Key.StreamId)]);
            }
        }

        private async Task<Result?> StoredAsync(string key, string requestHash, CancellationToken cancellationToken)
        {
            await using var command = dataSource.CreateCommand("SELECT request_hash, response::text FROM kpi.idempotency WHERE client_id = $1 AND key = $2");
            command.Parameters.Add(new() { Value = client.Id ?? "" });
            command.Parameters.Add(new() { Value = key });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return null;
            if (reader.GetString(0) != requestHash)
                throw new RuleViolatedException($"Idempotency-Key '{key}' was already used for a different return; use a new key for new content.");
            return JsonSerializer.Deserialize<Result>(reader.GetString(1), Json.Options)! with { Replayed = true };
        }

        private static string Hash(List<ValidFigure> figures)
        {
            var text = new StringBuilder();
            foreach (var f in figures.OrderBy(f => f.Key.StreamId, StringComparer.Ordinal))
                text.Append(f.Key.StreamId).Append('|').Append(f.Value.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('|')
                    .Append(f.Value.Numerator).Append('|').Append(f.Value.Denominator).Append('|').Append(f.Note).Append('\n');
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/authorities/{authority}/returns", async (string authority, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var contentType = http.Request.ContentType ?? "";
                ReturnInput.Parsed input;
                if (contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
                {
                    using var reader = new StreamReader(http.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
                    try { input = await ReturnInput.ReadCsvAsync(reader, ct); }
                    catch (DecoderFallbackException) { throw ValidationFailedException.Of("body", "is not valid UTF-8."); }
                }
                else if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
                    input = await ReturnInput.ReadJsonAsync(http.Request.Body, ct);
                else
                    return Results.Problem(statusCode: 415, type: ProblemDetailsMapper.TypeBase + "unsupported-media-type", title: "Unsupported media type.",
                        detail: "Send a return as application/json ({ figures: [...] }) or text/csv (measure,period,value,numerator,denominator[,breakdown]).");
                var key = http.Request.Headers["Idempotency-Key"].ToString();
                return Results.Ok(await mediator.Send(new Command(authority, input, key.Length == 0 ? null : key), ct));
            })
            .Accepts<ReturnInput.JsonReturn>("application/json", "text/csv")
            .WithTags("Figures")
            .WithSummary("Submit a whole monthly return, all or nothing, as JSON or CSV. Honours Idempotency-Key: a retry with the same key has one effect and returns the first answer.");
}
