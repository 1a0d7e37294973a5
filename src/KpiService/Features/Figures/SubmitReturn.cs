using System.Security.Cryptography;
using System.Text;
using KpiService.Common;
using KpiService.Domain.Figures;
using KpiService.Features.Access;
using KpiService.ReadModels;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Idempotency;
using KpiService.ReadModels.Reference;
using Marten;

using MediatR;
using Npgsql;

namespace KpiService.Features.Figures;

public static class SubmitReturn
{
    /// <summary>
    /// A return is written in sessions of this many figures sharing one transaction: all or nothing, with memory bounded
    /// by the chunk (one session holding a 50,000-figure return peaked at ~840 MB), not by the return.
    /// </summary>
    public const int ChunkSize = 1_000;

    /// <param name="Accepted">Figures new to the service.</param>
    /// <param name="Revised">Figures whose value changed.</param>
    /// <param name="Unchanged">Figures sent again with the same value: nothing written.</param>
    /// <param name="Replayed">True when this answer is the stored answer of an earlier request with the same Idempotency-Key.</param>
    public sealed record Result(int Accepted, int Revised, int Unchanged, string? IdempotencyKey, bool? Replayed = null);

    public sealed record Command(string Authority, ReturnInput.Parsed Input, string? IdempotencyKey) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Submit;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(
        ReferenceStore reference, FigureQueries figures, IDocumentStore store, IDocumentSession session, NpgsqlDataSource dataSource,
        CurrentClient client, ChangedStreams changes, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.FindAuthority(request.Authority)
                ?? throw ValidationFailedException.Of("authority", $"'{request.Authority}' is not a known GSS code or LA number.");
            if (request.IdempotencyKey is { Length: > 200 }) throw ValidationFailedException.Of("Idempotency-Key", "is longer than 200 characters.");
            if (request.IdempotencyKey is { } sent && TextOnlyStrings.FirstRefused(sent) is var at and >= 0)
                throw ValidationFailedException.Of("Idempotency-Key", $"contains {TextOnlyStrings.Describe(sent[at])} at character {at + 1}.");

            var now = clock.GetUtcNow();
            var valid = Validate(request.Input, current, authority, DateOnly.FromDateTime(now.UtcDateTime));
            var requestHash = Hash(valid);
            if (request.IdempotencyKey is { } key && await ReplayAsync(key, requestHash, cancellationToken) is { } replay) return replay;

            var existing = (await figures.GetForMeasuresAsync(authority.LaNumber, [.. valid.Select(v => v.Key.MeasureId).Distinct()], cancellationToken))
                .ToDictionary(r => r.Key.StreamId, StringComparer.Ordinal);
            var (accepted, revised, unchanged) = (0, 0, 0);
            var writes = new List<(FigureEvent Event, long Version)>();
            foreach (var figure in valid)
            {
                var row = existing.GetValueOrDefault(figure.Key.StreamId);
                switch (Figure.Submit(row, figure.Key, figure.Value, figure.Note, now))
                {
                    case FigureDecision.Append { Created: true } a: accepted++; writes.Add((a.Event, 1)); break;
                    case FigureDecision.Append a: revised++; writes.Add((a.Event, row!.Version + 1)); break;
                    default: unchanged++; break;
                }
            }
            var result = new Result(accepted, revised, unchanged, request.IdempotencyKey);
            var record = request.IdempotencyKey is { } k
                ? new RecordedReturn { Id = RecordedReturn.IdFor(client.Id, k), RequestHash = requestHash, Accepted = accepted, Revised = revised, Unchanged = unchanged, RecordedAt = now }
                : null;
            try
            {
                if (writes.Count <= ChunkSize) await WriteAsync(session, writes, existing, record, cancellationToken);
                else await WriteInChunksAsync(writes, existing, record, cancellationToken);
            }
            catch (Exception e) when (StoreFailures.IsConflict(e))
            {
                // A retry of the same return raced this one: answer as the first one did.
                if (request.IdempotencyKey is { } again && await ReplayAsync(again, requestHash, cancellationToken) is { } first) return first;
                throw new ConflictException("Figures in this return were changed by another writer at the same moment; nothing was stored. Send the return again.");
            }
            return result;
        }

        private static List<ValidFigure> Validate(ReturnInput.Parsed input, ReferenceSnapshot current, Domain.Authorities.Authority authority, DateOnly today)
        {
            var problems = new List<FieldProblem>(input.Problems);
            foreach (var (prefix, named) in input.NamedAuthorities)
                if (current.FindAuthority(named)?.LaNumber != authority.LaNumber)
                    problems.Add(new(prefix + "authority", $"'{(named.Length > 40 ? named[..40] + "…" : named)}' is not {authority.Name} ({authority.GssCode}, {authority.LaNumber}), the authority this return is posted to: send each authority's figures to its own path."));
            var valid = new List<ValidFigure>(input.Figures.Count);
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (item, prefix) in input.Figures)
            {
                if (FigureValidation.Check(current, authority, item, prefix, today, problems) is not { } figure) continue;
                if (seen.TryGetValue(figure.Key.StreamId, out var first))
                    problems.Add(new(prefix + "period", $"duplicates {first.TrimEnd('.')}: {figure.Key.MeasureId} {figure.Key.Period}{(figure.Key.Breakdown is null ? "" : " " + figure.Key.Breakdown)} appears twice in this return."));
                else seen[figure.Key.StreamId] = prefix;
                valid.Add(figure);
            }
            if (problems.Count > 0) throw ValidationFailedException.Of(problems.Select(p => (p.Field, p.Message)));
            if (valid.Count == 0) throw ValidationFailedException.Of("figures", "the return holds no figures.");
            return valid;
        }

        /// <summary>A few hundred figures: one session, one round trip (each stream's append and the projection in one batch).</summary>
        private async Task WriteAsync(IDocumentSession target, List<(FigureEvent Event, long Version)> writes, Dictionary<string, FigureRecord> existing,
            RecordedReturn? record, CancellationToken cancellationToken)
        {
            if (writes.Count == 0 && record is null) return;
            FigureQueries.Remember(target, existing.Values);
            foreach (var (@event, version) in writes) target.Events.Append(@event.Key.StreamId, version, @event);
            if (record is not null) target.Insert(record);
            await target.SaveChangesAsync(cancellationToken);
        }

        /// <summary>A back-load: sessions of <see cref="ChunkSize"/> figures on one transaction, committed once at the end.</summary>
        private async Task WriteInChunksAsync(List<(FigureEvent Event, long Version)> writes, Dictionary<string, FigureRecord> existing,
            RecordedReturn? record, CancellationToken cancellationToken)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            for (var start = 0; start < writes.Count; start += ChunkSize)
            {
                var chunk = writes.GetRange(start, Math.Min(ChunkSize, writes.Count - start));
                await using var part = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
                (part.LastModifiedBy, part.CorrelationId) = (client.Id, client.CorrelationId);
                await WriteAsync(part, chunk, existing, start + ChunkSize >= writes.Count ? record : null, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            // The sessions never committed themselves, so tell this replica's caches now.
            await changes.ApplyAsync(writes.Select(w => w.Event.Key.StreamId).Distinct(), cancellationToken);
        }

        private async Task<Result?> ReplayAsync(string key, string requestHash, CancellationToken cancellationToken)
        {
            if (await RecordedReturn.FindAsync(store.QuerySession(), client.Id, key, cancellationToken) is not { } recorded) return null;
            if (recorded.RequestHash != requestHash)
                throw new RuleViolatedException($"Idempotency-Key '{key}' was already used for a different return; use a new key for new content.");
            return new Result(recorded.Accepted, recorded.Revised, recorded.Unchanged, key, Replayed: true);
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
                    throw new UnsupportedMediaTypeException("Send a return as application/json ({ figures: [...] }) or text/csv (measure,period,value,numerator,denominator[,breakdown]).");
                var key = http.Request.Headers["Idempotency-Key"].ToString();
                return Results.Ok(await mediator.Send(new Command(authority, input, key.Length == 0 ? null : key), ct));
            })
            .Accepts<ReturnInput.JsonReturn>("application/json", "text/csv")
            .Produces<Result>(200)
            .WithTags("Figures")
            .WithSummary("Submit a whole monthly return, all or nothing, as JSON or CSV. Honours Idempotency-Key: a retry with the same key has one effect and returns the first answer.");
}
