using KpiService.Common;
using KpiService.Domain.Benchmarks;
using BenchmarksPublished = KpiService.Domain.Reference.BenchmarksPublished;
using ReferenceStreams = KpiService.Domain.Reference.ReferenceStreams;
using KpiService.Features.Access;
using KpiService.ReadModels;
using KpiService.ReadModels.Benchmarks;
using KpiService.ReadModels.Reference;
using Marten;
using Microsoft.AspNetCore.WebUtilities;
using System.ComponentModel;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace KpiService.Features.Peers;

/// <summary>
/// Published figures from a file as analysts download it (docs/catalogue.md §4): DfE LAIT's long download, an EES
/// data file, or the service's own columns, recognised from the header. The whole file or nothing: every problem row
/// is named, rows at levels the service does not rank are skipped and counted. One <c>BenchmarksPublished</c> event
/// per source and measure, replacing what that source published for it before. First start loads LAIT's download
/// through this same command.
/// </summary>
public static class ImportBenchmarks
{
    public const int MaxSourceLength = 100;

    /// <summary>
    /// How many figures' events are written to the transaction together: one round trip of under a megabyte of JSON.
    /// Larger batches were no faster and left the serialisation buffers (pooled, kept) tens of megabytes bigger.
    /// </summary>
    public const int FlushEvery = 5_000;

    /// <param name="Source">Where the figures come from (LAIT, EES CLA 2024, a council's own file): kept with each figure, and named to list or withdraw them; "import" when left out.</param>
    /// <param name="Body">The file, plain or gzip-compressed; seekable (REST buffers the upload), read once.</param>
    /// <param name="IndicatorColumns">EES: indicator column → measure (id, code or LAIT code), for columns not named by a measure.</param>
    /// <param name="Filters">EES: filter column → the value rows must hold (<c>characteristic</c> → <c>Total</c>); the others are skipped and counted.</param>
    public sealed record Command(string? Source, Stream Body, IReadOnlyDictionary<string, string>? IndicatorColumns = null, IReadOnlyDictionary<string, string>? Filters = null)
        : IRequest<ImportSummary>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    /// <summary>What was stored: figures (<c>Imported</c> = values + marks), rows skipped by reason, figures kept but not ranked, the measures.</summary>
    /// <param name="Format">laitLong, laitKeyMeasures, ees or service: how the header was read.</param>
    /// <param name="NotRanked">Figures of authorities outside their lifetime for the period (LA 835 after April 2019): kept for history, never ranked.</param>
    public sealed record ImportSummary(int Imported, string Source, IReadOnlyList<string> Measures, BenchmarkFormat? Format, int Values, int Marks,
        IReadOnlyDictionary<string, int> MarksByKind, IReadOnlyDictionary<string, int> Skipped, int NotRanked);

    public sealed class Handler(ReferenceStore reference, IDocumentStore store, NpgsqlDataSource dataSource, CurrentClient client, ChangedStreams changes, ILogger<Handler> logger)
        : IRequestHandler<Command, ImportSummary>
    {
        public async Task<ImportSummary> Handle(Command request, CancellationToken cancellationToken)
        {
            var source = SourceOf(request.Source);
            var current = reference.Current;
            var context = BenchmarkContext.From(current.Measures.Values, current.Authorities.Values.Select(a => (a.LaNumber, a.GssCode)))
                with { IndicatorColumns = request.IndicatorColumns, Filters = request.Filters };

            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
            (session.LastModifiedBy, session.CorrelationId) = (client.Id, client.CorrelationId);

            await using var staging = await BenchmarkStaging.OpenAsync(connection, cancellationToken);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (format, summary) = await StageAsync(request.Body, context, staging, cancellationToken);
            if (!summary.Succeeded) throw Problems(summary);
            var staged = clock.Elapsed;

            var streams = new List<string>();
            var pending = 0;
            foreach (var measure in summary.Measures)
            {
                var figures = await staging.ReadAsync(measure, cancellationToken);
                var stream = ReferenceStreams.Benchmarks(source, measure);
                var state = await session.Events.FetchStreamStateAsync(stream, cancellationToken);
                session.Events.Append(stream, (state?.Version ?? 0) + 1, new BenchmarksPublished(source, measure, figures));
                streams.Add(stream);
                // Flushed into the transaction a few measures at a time: memory holds at most about FlushEvery figures.
                if ((pending += figures.Count) >= FlushEvery) { await SaveAsync(session, source, cancellationToken); pending = 0; }
            }
            if (pending > 0) await SaveAsync(session, source, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await changes.ApplyAsync(streams, cancellationToken);
            logger.LogInformation("Imported {Figures} published figures of {Measures} measures from '{Source}' ({Format}) in {Seconds:F1} s: file read in {Read:F1} s, events and read model in {Stored:F1} s",
                summary.Figures, summary.Measures.Count, source, format, clock.Elapsed.TotalSeconds, staged.TotalSeconds, (clock.Elapsed - staged).TotalSeconds);
            return new ImportSummary(summary.Figures, source, [.. summary.Measures], format, summary.Values, summary.Marks,
                summary.MarksByKind, summary.Skipped, summary.NotRanked);
        }

        /// <summary>Reads the whole file into the staging table (COPY stops at the first problem; the rest is only checked).</summary>
        private static async Task<(BenchmarkFormat?, BenchmarkImportSummary)> StageAsync(Stream body, BenchmarkContext context, BenchmarkStaging staging, CancellationToken cancellationToken)
        {
            var summary = new BenchmarkImportSummary();
            BenchmarkFormat? format;
            try
            {
                using var text = BenchmarkUpload.Open(body);
                var file = BenchmarkFile.Open(text, context);
                format = file.Format;
                foreach (var line in file.Lines())
                {
                    summary.Add(line);
                    if (line is Domain.Benchmarks.PublishedFigure figure && summary.Succeeded) staging.Write(figure);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            catch (Exception e) when (BenchmarkUpload.Problem(e, "body") is { } problem)
            {
                throw problem;
            }
            if (summary.Succeeded) await staging.CompleteAsync(cancellationToken);
            return (format, summary);
        }

        private static async Task SaveAsync(IDocumentSession session, string source, CancellationToken cancellationToken)
        {
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (StoreFailures.IsConflict(e))
            {
                throw new ConflictException($"Figures from '{source}' were being imported by another request at the same moment; nothing was stored. Send the file again.");
            }
        }
    }

    /// <summary>Where the figures come from, as kept with them and named in the withdrawal's path: "import" when not given.</summary>
    public static string SourceOf(string? source)
    {
        var text = string.IsNullOrWhiteSpace(source) ? "import" : source.Trim();
        if (Domain.PlainText.Problem(text, MaxSourceLength) is { } problem) throw ValidationFailedException.Of("source", problem);
        if (text.Contains('/') || text.Contains('\\')) throw ValidationFailedException.Of("source", "may not contain / or \\: it is a path segment of the benchmarks it names.");
        return text;
    }

    /// <summary>
    /// Every problem row, as <c>row 12.Values</c> (the header is row 1, as a spreadsheet numbers it), the first
    /// <see cref="ValidationFailedException.MaxListed"/> in full and the rest counted.
    /// </summary>
    public static ValidationFailedException Problems(BenchmarkImportSummary summary)
    {
        var listed = summary.Problems.Take(ValidationFailedException.MaxListed).ToList();
        var errors = listed.GroupBy(p => p.Row == 1 && p.Field is "header" or "body" ? p.Field : $"row {p.Row}.{p.Field}")
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        if (summary.ProblemCount > listed.Count)
            errors["more"] = [$"{summary.ProblemCount - listed.Count} more problems ({summary.ProblemCount} in all); fix these and send the file again."];
        return new ValidationFailedException(errors);
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/benchmarks", async (HttpContext http, string? source,
                [FromQuery, Description("EES files: an indicator column and the measure it holds, as column=measure (cla_rate_per_10000=children-in-care-rate); repeat for several. Columns named by a measure's id, code or LAIT code need none.")] string[]? column,
                [FromQuery, Description("EES files: keep only rows whose filter column holds this value, as column=value (characteristic=Total); the other rows are skipped and counted. Repeat for several.")] string[]? filter,
                IMediator mediator, CancellationToken ct) =>
            {
                // Read from a buffer (a temporary file past 64 KB), never straight off the connection: the file is read
                // synchronously, row by row, and an upload that stops half way must not hold a transaction open.
                http.Request.EnableBuffering(bufferThreshold: 64 * 1024);
                await http.Request.Body.DrainAsync(ct);
                http.Request.Body.Position = 0;
                var command = new Command(source, http.Request.Body, Pairs(column, "column"), Pairs(filter, "filter"));
                return Results.Ok(await mediator.Send(command, ct));
            })
            .Accepts<string>("text/csv")
            .Produces<ImportSummary>(200)
            .WithTags("Peers").WithSummary(
                "Import published figures as analysts download them, all or nothing: DfE LAIT's long download (Short Desc, Data item, Years, LA and Regions, Values, LA Number, Region), "
                + "an EES data file (time_period, time_identifier, geographic_level, codes, indicator columns) or measure,period,level,code,value; "
                + "as text/csv, plain or gzip-compressed as downloaded (Content-Encoding: gzip, or recognised by its first bytes). "
                + "Years are read by each measure's year type (financial 2023/24, 31 March, 30 September, academic, calendar, multi-year 2018-20, (Rev) revisions); "
                + "Inner/Outer London and other levels not ranked are skipped and counted; suppression marks (-, c, x, z, ..) are stored as marks. "
                + "Every problem row is named (row 1 is the header). Replaces what the source published before for each measure in the file. Admin.");

    /// <summary><c>name=value</c> query values (EES indicator columns, filters) as a map; a value without '=' is a problem naming it.</summary>
    private static Dictionary<string, string>? Pairs(string[]? values, string parameter)
    {
        if (values is not { Length: > 0 }) return null;
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            var at = value.IndexOf('=');
            if (at <= 0 || at == value.Length - 1) throw ValidationFailedException.Of(parameter, $"'{value}' must be name=value.");
            pairs[value[..at].Trim()] = value[(at + 1)..].Trim();
        }
        return pairs;
    }
}
