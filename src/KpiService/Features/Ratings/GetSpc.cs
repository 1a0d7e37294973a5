using KpiService.Common;
using KpiService.Domain.Analytics;
using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;
using KpiService.Features.Access;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Ratings;

public static class GetSpc
{
    /// <param name="Points">How many periods the chart reads (2–120, default 24).</param>
    /// <param name="Baselines">Change points: limits are recalculated from each of these periods on.</param>
    public sealed record Query(string Authority, string Measure, string Period, string? Breakdown, int? Points, IReadOnlyList<string> Baselines) : IRequest<SpcResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed record SpcPointResponse(string Period, double Value, double? MovingRange, int Segment, double Mean, double UpperProcessLimit, double LowerProcessLimit, IReadOnlyList<string> SpecialCauses);

    public sealed record SegmentResponse(string From, string Through, int Points, double Mean, double UpperProcessLimit, double LowerProcessLimit, double AverageMovingRange);

    /// <summary>An XmR chart as NHS England's Making Data Count draws it, with its variation and assurance icons.</summary>
    public sealed record SpcResponse(
        AuthorityReference Authority, string Measure, string Period, Polarity Polarity, double Mean, double UpperProcessLimit, double LowerProcessLimit,
        double AverageMovingRange, double? Target, Variation Variation, Assurance Assurance, SpcIcons Icons, bool ConflictingSignals,
        IReadOnlyList<SegmentResponse> Segments, IReadOnlyList<SpcPointResponse> Points, string Method, IReadOnlyList<string>? Cautions);

    public const string Method = "XmR (NHS England 'Making Data Count'): limits at mean ± 2.66 × average moving range, recalculated from each declared baseline; "
        + "special causes: a point beyond a limit, two of three beyond two sigma on one side, 7 in a row on one side of the mean, 6 consecutive increases or decreases. "
        + "Conflicting signals on the latest point are reported, not hidden.";

    public sealed class Handler(ReferenceStore reference, FigureQueries figures) : IRequestHandler<Query, SpcResponse>
    {
        public async Task<SpcResponse> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var (authority, measure, period, parsed) = current.Figure(request.Authority, request.Measure, request.Period, request.Breakdown);
            var breakdown = parsed?.ToString() ?? "";
            var points = request.Points ?? 24;
            if (points is < 2 or > 120) throw ValidationFailedException.Of("points", "must be between 2 and 120.");
            var baselines = request.Baselines.Select(b => Lookup.Period(b, "baseline")).ToList();
            var series = (await figures.GetSeriesAsync(authority.LaNumber, measure.Id, breakdown, includeWithdrawn: false, cancellationToken))
                .Where(r => r.Key.Period.Kind == period.Kind && r.Key.Period <= period && r.Current is not null)
                .TakeLast(points).Select(r => (r.Key.Period, r.Current!.Value)).ToList();
            if (series.Count == 0 || series[^1].Period != period)
                throw new NotFoundException($"{authority.Name} has no {period} figure for '{measure.Id}'.");
            var rule = RatingRules.InForce(current.RulesFor(authority.LaNumber, measure.Id, breakdown), period);
            var target = rule switch { TargetRule t => t.Target, TrajectoryRule p => p.TargetFor(period), _ => (double?)null };
            var chart = Spc.Chart(series, measure.Polarity, target, baselines)
                ?? throw new RuleViolatedException("An XmR chart needs at least two periods of figures.");
            var signal = SpcSignals.Of(chart, measure.Polarity);
            var cautions = new List<string>(chart.Warnings);
            if (series.Count < 15) cautions.Add($"Only {series.Count} points: limits are unreliable below about 15.");
            return new SpcResponse(authority.ToReference(), measure.Id, period.ToString(), measure.Polarity,
                chart.Mean, chart.UpperProcessLimit, chart.LowerProcessLimit, chart.AverageMovingRange, target, chart.Variation, chart.Assurance,
                signal.Icons, chart.ConflictingSignals,
                [.. chart.Segments.Select(s => new SegmentResponse(s.From.ToString(), s.Through.ToString(), s.Points, s.Mean, s.UpperProcessLimit, s.LowerProcessLimit, s.AverageMovingRange))],
                [.. chart.Points.Select(p => new SpcPointResponse(p.Period.ToString(), p.Value, p.MovingRange, p.Segment, p.Mean, p.UpperProcessLimit, p.LowerProcessLimit, p.SpecialCauses))],
                Method, cautions.Count == 0 ? null : cautions);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/ratings/{period}/spc",
                (string authority, string measure, string period, string? breakdown, int? points, string[]? baseline, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new Query(authority, measure, period, breakdown, points, baseline ?? []), ct))
            .ProducesProblem(422)
            .WithTags("Ratings").WithSummary("Statistical process control: an XmR chart of the series up to the period (limits recalculated from each ?baseline=), special causes, variation read through polarity, assurance against the target, and the Making Data Count icons.");
}
