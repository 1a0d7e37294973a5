using KpiService.Common;
using KpiService.Domain.Analytics;
using KpiService.Domain.Authorities;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Figures;
using KpiService.Domain.Measures;
using KpiService.Domain.Peers;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;
using KpiService.ReadModels.Catalogue;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Peers;
using KpiService.ReadModels.Reference;

namespace KpiService.ReadModels.Assessments;

/// <summary>
/// One measure of one authority (and breakdown) assessed for a period, with the series it was read from, the measure as
/// the authority sees it (its own code, title and bands), its status labels and the commentary on the figure.
/// </summary>
/// <param name="BenchmarkGroupVersion">For a benchmark rule on a comparator group: the version of the group the average used.</param>
public sealed record AssessedMeasure(Authority Authority, Measure Measure, string Breakdown, ComposedSeries Series, MeasureAssessment Assessment,
    LabelScheme Labels, Commentary? Commentary, long? BenchmarkGroupVersion = null);

/// <summary>
/// The shared read behind ratings, scorecards, dashboards and WatchRatings: loads a measure's figures (every breakdown,
/// so totals can be rolled up), its rule history and, for benchmark rules, the comparator average, and hands them to
/// the pure <see cref="MeasureAssessments.Assess"/>. Results for default options are cached until a figure of the same
/// authority and measure, or reference data, changes.
/// </summary>
public sealed class Assessor(ReferenceStore reference, FigureQueries figures, PeerValues peers, CommentaryQueries commentary, ReadCache cache)
{
    /// <summary>Trends, year to date, persistence and SPC look back at most this far; older figures are not read.</summary>
    public const int MonthsOfHistory = 36;

    private long _computed;

    /// <summary>Ratings computed since start (cached answers not counted): read by the service's metrics.</summary>
    public long Computed => Interlocked.Read(ref _computed);

    public Task<AssessedMeasure?> AssessAsync(Authority authority, Measure measure, Period period, string breakdown, AssessmentOptions? options, CancellationToken cancellationToken)
    {
        async Task<(AssessedMeasure?, bool)> Compute()
        {
            var rows = await figures.GetAllBreakdownsAsync(authority.LaNumber, measure.Id, cancellationToken);
            var assessed = await AssessAsync(authority, measure, period, breakdown, rows, options, cancellationToken);
            if (assessed is not null && (await commentary.ThreadAsync(new CommentaryKey(authority.LaNumber, measure.Id, period, Breakdown(breakdown)), cancellationToken)).Visible is { } note)
                assessed = assessed with { Commentary = note };
            // A benchmark rule depends on other authorities' figures too: never cached.
            return (assessed, assessed?.Assessment.Rating.Rule is not BenchmarkRule);
        }
        return options is null
            ? cache.GetOrAddAsync($"assessment:{authority.LaNumber}:{measure.Id}:{breakdown}:{period}", [CacheKeys.Figures(authority.LaNumber, measure.Id)], Compute)
            : Compute().ContinueWith(t => t.Result.Item1, cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>
    /// Every measure the authority has figures for in the window ending with the period, each assessed (one query for
    /// the figures, one for the commentary), and the measures those figures cover for the period (received).
    /// Each measure's assessment is kept until one of its figures changes, so after one figure is written a scorecard or
    /// dashboard assesses that one measure again, not all seventy. The generations are taken before the figures are
    /// read (every measure asks the cache first and the missing ones wait for the one read), so an assessment computed
    /// from figures a write has since overtaken is never kept.
    /// </summary>
    public async Task<(IReadOnlyList<AssessedMeasure> Assessed, IReadOnlyList<FigureRecord> Rows)> AssessAllAsync(Authority authority, Period period, string breakdown, CancellationToken cancellationToken)
    {
        var la = authority.LaNumber;
        var read = new TaskCompletionSource<ILookup<string, FigureRecord>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = reference.Current.ViewOf(la).Measures.Select(measure => (measure.Id, Assessed: cache.GetOrAddAsync(
            $"assessed:{la}:{measure.Id}:{breakdown}:{period}", [CacheKeys.Figures(la, measure.Id)], async () =>
            {
                var rows = (await read.Task)[measure.Id].ToList();
                var assessed = rows.Count == 0 ? null : await AssessAsync(authority, measure, period, breakdown, rows, null, cancellationToken);
                // A benchmark rule depends on other authorities' figures too: never kept.
                return (assessed, assessed?.Assessment.Rating.Rule is not BenchmarkRule);
            }))).ToList();
        List<FigureRecord> all;
        try
        {
            all = await figures.GetWindowAsync(la, HistoryStart(period), period.End, cancellationToken);
            read.SetResult(all.ToLookup(r => r.Key.MeasureId, StringComparer.Ordinal));
        }
        catch (Exception e)
        {
            read.SetException(e);
            throw;
        }
        var notes = await commentary.ForPeriodAsync(la, period.ToString(), cancellationToken);
        var found = new List<AssessedMeasure>();
        foreach (var (id, assessed) in pending)
            if (await assessed is { } one)
                found.Add(one with { Commentary = notes.GetValueOrDefault((id, breakdown)) });
        return (found, all);
    }

    /// <summary>
    /// The same from figures already read (the window of <see cref="HistoryStart"/>..period end): a dashboard "as at" a
    /// moment folds them from the events first.
    /// </summary>
    public async Task<IReadOnlyList<AssessedMeasure>> AssessAllAsync(Authority authority, Period period, string breakdown, IReadOnlyList<FigureRecord> rows, CancellationToken cancellationToken)
    {
        var view = reference.Current.ViewOf(authority.LaNumber);
        var notes = await commentary.ForPeriodAsync(authority.LaNumber, period.ToString(), cancellationToken);
        var assessed = new List<AssessedMeasure>();
        foreach (var byMeasure in rows.GroupBy(r => r.Key.MeasureId))
            if (view.Contains(byMeasure.Key) && view.Find(byMeasure.Key) is { } measure
                && await AssessAsync(authority, measure, period, breakdown, byMeasure, null, cancellationToken) is { } one)
                assessed.Add(one with { Commentary = notes.GetValueOrDefault((measure.Id, breakdown)) });
        return assessed;
    }

    /// <summary>The first day of the figures an assessment of the period reads.</summary>
    public static DateOnly HistoryStart(Period period) => period.Start.AddMonths(-MonthsOfHistory);

    /// <summary>Assesses from figures already read (every breakdown of the measure, or at least the one asked for).</summary>
    public async Task<AssessedMeasure?> AssessAsync(Authority authority, Measure measure, Period period, string breakdown,
        IEnumerable<FigureRecord> rows, AssessmentOptions? options, CancellationToken cancellationToken)
    {
        var current = reference.Current;
        var series = Compose(authority, measure, period, breakdown, rows);
        var rules = current.RulesFor(authority.LaNumber, measure.Id, breakdown);
        options ??= new AssessmentOptions();
        long? groupVersion = null;
        if (RatingRules.InForce(rules, period) is BenchmarkRule benchmark)
        {
            options = options with { BenchmarkAverage = await BenchmarkAverageAsync(authority, measure, period, benchmark, cancellationToken) };
            groupVersion = current.GroupVersions.TryGetValue(benchmark.Group, out var version) ? version : null;
        }
        var assessment = MeasureAssessments.Assess(measure, series.Series, rules, period, options);
        if (assessment is not null) Interlocked.Increment(ref _computed);
        return assessment is not null
            ? new AssessedMeasure(authority, measure, breakdown, series, assessment, current.ViewOf(authority.LaNumber).Labels, null, groupVersion)
            : null;
    }

    /// <summary>The series an assessment reads: the breakdown's figures, and for the total, periods rolled up from complete dimensions.</summary>
    public ComposedSeries Compose(Authority authority, Measure measure, Period period, string breakdown, IEnumerable<FigureRecord> rows)
    {
        var declared = breakdown.Length > 0 ? new Dictionary<string, IReadOnlyList<string>>()
            : reference.Current.Dimensions.Where(d => d.Key.LaNumber == authority.LaNumber).ToDictionary(d => d.Key.Dimension, d => d.Value);
        return SeriesComposition.Compose(measure, period, breakdown, SeriesComposition.ByBreakdown(rows), declared);
    }

    private static Breakdown? Breakdown(string key) => Domain.Figures.Breakdown.TryParse(key, out var parsed) ? parsed : null;

    private async Task<double?> BenchmarkAverageAsync(Authority authority, Measure measure, Period period, BenchmarkRule rule, CancellationToken cancellationToken)
    {
        var current = reference.Current;
        var data = await peers.LoadAsync(measure.Id, period, cancellationToken);
        return PeerComparison.BenchmarkAverage(rule, authority, current.GroupMembers(rule.Group, authority), data, la => current.PopulationFor(la, period));
    }
}
