using System.Diagnostics;
using KpiService.Common;
using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.Features.Peers;
using Marten;
using MediatR;

namespace KpiService.Hosting;

/// <summary>
/// First start loads DfE LAIT's own long download of every children's social care measure (ReferenceData, 1.7 MB
/// gzip: 156 measures, 237,320 rows) through the import a user calls, <see cref="ImportBenchmarks"/>, as the operator,
/// streaming from the gzip. Once: a marker stream records that it was done, so a database seeded before this file
/// shipped (with LAIT's 17 key measures) gets the rest on its next start, and a later withdrawal is never undone.
/// </summary>
public sealed class PublishedFiguresSeed(IServiceProvider services, IDocumentStore store, ILogger<PublishedFiguresSeed> logger)
{
    public const string Source = "LAIT";
    public const string FileName = "lait-csc-all-long.csv.gz";
    public const string MarkerStream = "seed:lait-csc-all-long-v1";

    public static string FilePath => Path.Combine(ReferenceSeeder.Directory, FileName);

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using (var query = store.QuerySession())
            if (await query.Events.FetchStreamStateAsync(MarkerStream, cancellationToken) is not null) return;

        var clock = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<CurrentClient>();
        client.SignIn("system", "first start", [], isOperator: true);
        client.CorrelationId = "seed";
        ImportBenchmarks.ImportSummary summary;
        await using (var file = File.OpenRead(FilePath))
            summary = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ImportBenchmarks.Command(Source, file), cancellationToken);

        await using var session = store.LightweightSession();
        (session.LastModifiedBy, session.CorrelationId) = ("system", "seed");
        session.Events.StartStream(MarkerStream, new ReferenceSeeded($"ReferenceData/{FileName}: {summary.Imported} figures of {summary.Measures.Count} measures"));
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (StoreFailures.IsConflict(e))
        {
            return; // another replica finished first (start-up is serialised, so only across an old and a new version)
        }
        // A one-off bulk load leaves the heap grown by what it churned through; give that memory back before serving,
        // so the replica that did the first start idles like the others (within the pod's memory request).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        logger.LogInformation("Loaded LAIT's published figures: {Figures} figures ({Marks} suppressed) of {Measures} measures, {Skipped} rows skipped, in {Seconds:F1} s",
            summary.Imported, summary.Marks, summary.Measures.Count, summary.Skipped.Values.Sum(), clock.Elapsed.TotalSeconds);
    }
}
