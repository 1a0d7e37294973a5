using System.Diagnostics;
using System.Diagnostics.Metrics;
using KpiService.Common;
using KpiService.Domain.Figures;
using KpiService.ReadModels.Assessments;
using Marten;
using Marten.Services;

namespace KpiService.Hosting;

/// <summary>
/// The service's own instruments (meter <c>KpiService</c>) and activity source. Counts that lower layers keep as
/// plain counters (ratings computed, cache hits) are observed here, so the read models need no telemetry library.
/// Exported as OTLP and at <c>/metrics</c> (Prometheus turns <c>kpi.figures.submitted</c> into
/// <c>kpi_figures_submitted_total</c>).
/// </summary>
public sealed class TelemetryMetrics : IDisposable
{
    public const string Name = "KpiService";
    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _figures;
    private readonly Histogram<double> _append;
    private readonly Histogram<double> _useCase;
    private IReadOnlyList<ProjectionLag> _lags = [];

    public TelemetryMetrics(IMeterFactory meters, ReadCache cache, Assessor assessor)
    {
        _meter = meters.Create(Name, typeof(TelemetryMetrics).Assembly.GetName().Version?.ToString());
        _figures = _meter.CreateCounter<long>("kpi.figures.submitted", "{figure}", "Figure events committed through this replica (submitted, revised, withdrawn).");
        _append = _meter.CreateHistogram<double>("kpi.eventstore.append.duration", "s", "From SaveChanges to commit for a unit of work that appends events.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _useCase = _meter.CreateHistogram<double>("kpi.usecase.duration", "s", "Time in a use case (REST and gRPC alike), by use case and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _meter.CreateObservableCounter("kpi.ratings.computed", () => assessor.Computed, "{rating}", "Ratings computed (answers served from the read cache are not counted).");
        _meter.CreateObservableCounter("kpi.cache.requests", () =>
        {
            var (hits, misses) = cache.Counts;
            return new[] { new Measurement<long>(hits, new KeyValuePair<string, object?>("result", "hit")), new Measurement<long>(misses, new KeyValuePair<string, object?>("result", "miss")) };
        }, "{request}", "Cached reads (ratings, peer values, scorecards), by hit or miss.");
        _meter.CreateObservableGauge("kpi.cache.hit_ratio", () =>
        {
            var (hits, misses) = cache.Counts;
            return hits + misses == 0 ? 0 : (double)hits / (hits + misses);
        }, "1", "Share of cached reads answered from the cache since start.");
        _meter.CreateObservableGauge("kpi.projection.lag", () =>
            _lags.Select(l => new Measurement<long>(l.Behind, new KeyValuePair<string, object?>("projection", l.Projection))), "{event}",
            "Events the async projection still has to process (sampled every few seconds; the leader replica's view).");
    }

    public void FiguresCommitted(string eventType, int count) => _figures.Add(count, new KeyValuePair<string, object?>("event", eventType));

    public void Appended(TimeSpan took) => _append.Record(took.TotalSeconds);

    public void UseCaseRan(string useCase, string outcome, TimeSpan took) =>
        _useCase.Record(took.TotalSeconds, new KeyValuePair<string, object?>("use_case", useCase), new KeyValuePair<string, object?>("outcome", outcome));

    public void ProjectionsSampled(IReadOnlyList<ProjectionLag> lags) => _lags = lags;

    public void Dispose() => _meter.Dispose();
}

/// <summary>Times each unit of work that appends events, and counts figure events once they are committed.</summary>
public sealed class TelemetryStoreListener(IServiceProvider services) : DocumentSessionListenerBase
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDocumentSession, System.Runtime.CompilerServices.StrongBox<long>> Started = new();

    // Resolved late: the listener is handed to Marten while the store itself is being built.
    private TelemetryMetrics Metrics => services.GetRequiredService<TelemetryMetrics>();

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        Started.AddOrUpdate(session, new System.Runtime.CompilerServices.StrongBox<long>(Stopwatch.GetTimestamp()));
        return Task.CompletedTask;
    }

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var events = commit.GetEvents().ToList();
        if (events.Count > 0 && Started.TryGetValue(session, out var started)) Metrics.Appended(Stopwatch.GetElapsedTime(started.Value));
        Started.Remove(session);
        foreach (var kind in events.Select(e => e.Data).OfType<FigureEvent>().GroupBy(e => e switch
                 {
                     FigureSubmitted => "submitted", FigureRevised => "revised", FigureWithdrawn => "withdrawn", _ => "other",
                 }))
            Metrics.FiguresCommitted(kind.Key, kind.Count());
        return Task.CompletedTask;
    }
}

/// <summary>Samples the async projections' progress every few seconds for <c>kpi.projection.lag</c> (a gauge callback must not query).</summary>
public sealed class ProjectionLagSampler(IServiceProvider services, TelemetryMetrics metrics, IHostApplicationLifetime lifetime, ILogger<ProjectionLagSampler> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            // Not before start-up has brought the schema up to date: reading progress earlier would race its DDL.
            var started = new TaskCompletionSource();
            using (lifetime.ApplicationStarted.Register(started.SetResult)) await started.Task.WaitAsync(stoppingToken);
            do
            {
                try { metrics.ProjectionsSampled((await ProjectionHealth.ReadAsync(services, stoppingToken)).Projections); }
                catch (Exception e) when (StoreFailures.IsUnavailable(e) || e is ObjectDisposedException)
                {
                    logger.LogDebug("Projection lag not sampled: {Message}", e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
