using KpiService.Domain.Catalogue;
using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Features;
using KpiService.Features.Figures;
using KpiService.Features.Peers;
using KpiService.Features.Ratings;
using KpiService.ReadModels.Reference;
using KpiService.Reports.Tidy;

namespace KpiService.Api.Rest.Exports;

/// <summary>A read as tidy rows, with what a download needs around them: a title, a file name, and the authority's status labels.</summary>
public sealed record TidyExport(string Title, string FileName, IReadOnlyList<TidyRow> Rows, LabelScheme Labels, string? Subtitle = null);

/// <summary>
/// The scorecard, figures, comparison and league answers as tidy rows (one per authority or comparator × measure ×
/// period), the same columns the dashboard's CSV has, so an analyst can stack any of them. Values are unrounded.
/// </summary>
public static class TidyExports
{
    public static bool Handles(Type type) =>
        type == typeof(GetScorecard.Scorecard) || type == typeof(GetFigures.Series) || type == typeof(GetComparison.ComparisonResponse) || type == typeof(GetLeague.League);

    public static TidyExport Of(object answer, ReferenceSnapshot reference) => answer switch
    {
        GetScorecard.Scorecard scorecard => Scorecard(scorecard, reference),
        GetFigures.Series series => Series(series, reference),
        GetComparison.ComparisonResponse comparison => Comparison(comparison, reference),
        GetLeague.League league => League(league, reference),
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer.GetType().Name, "not an exportable answer"),
    };

    private static TidyExport Scorecard(GetScorecard.Scorecard scorecard, ReferenceSnapshot reference)
    {
        var authority = scorecard.Authority;
        var view = reference.ViewOf(authority.LaNumber);
        TidyRow Row(string id, string? code, string title, string area, string period) => Authority(authority, view.Find(id), id, code, title, area, Period.Parse(period), scorecard.Breakdown);
        var rows = scorecard.Areas.SelectMany(area =>
            area.Ratings.Select(r => Row(r.Measure, r.MeasureCode, r.MeasureTitle, r.Area, r.Period) with
            {
                Value = r.Value, Numerator = r.Numerator, Denominator = r.Denominator, Target = r.Target, Status = r.Status, Label = r.Label, DataState = r.DataState,
            })
            .Concat(area.Missing.Select(m => Row(m.Measure, m.MeasureCode, m.MeasureTitle, area.Area, m.Period) with
            {
                DataState = m.DataState, Note = m.Reason ?? $"due {m.DueDate:yyyy-MM-dd}",
            }))).ToList();
        return new TidyExport($"{authority.Name}: scorecard, {scorecard.Period}", $"{Name(authority.Name)}-scorecard-{scorecard.Period}", rows, view.Labels);
    }

    private static TidyExport Series(GetFigures.Series series, ReferenceSnapshot reference)
    {
        var authority = series.Authority;
        var view = reference.ViewOf(authority.LaNumber);
        var measure = view.Find(series.Measure);
        var rows = series.Figures.Select(f => Authority(authority, measure, series.Measure, measure?.Code, measure?.Title ?? series.Measure, measure?.Area, Period.Parse(f.Period), f.Breakdown) with
        {
            Value = f.Value, Numerator = f.Numerator, Denominator = f.Denominator, DataState = DataState.Received,
            Note = f.Revision > 1 ? $"revision {f.Revision}; first reported as {f.FirstReportedValue?.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}" : null,
        }).ToList();
        var asAt = series.AsAt is { } at ? $"as they stood at {at:yyyy-MM-dd HH:mm} UTC" : null;
        return new TidyExport($"{authority.Name}: {measure?.Title ?? series.Measure}", $"{Name(authority.Name)}-{Name(series.Measure)}-figures", rows, view.Labels, asAt);
    }

    private static TidyExport Comparison(GetComparison.ComparisonResponse comparison, ReferenceSnapshot reference)
    {
        var measure = reference.Measures.GetValueOrDefault(comparison.Measure);
        var period = Period.Parse(comparison.Period);
        var own = comparison.Authority;
        TidyRow Level(TidyLevel level, string? code, int? la, string name, double? value, string? valuePeriod, string? note) =>
            new(level, code, la, name, comparison.Measure, measure?.Code, measure?.Title ?? comparison.Measure, measure?.Area, measure?.Unit ?? Unit.Count,
                measure?.DecimalPlaces ?? 1, valuePeriod is null ? period : Period.Parse(valuePeriod), null, value, Note: note);
        var rows = new List<TidyRow>
        {
            Level(TidyLevel.Authority, own.Code, own.LaNumber, own.Name, own.Value, own.Period, comparison.Rank is { } rank ? $"this authority; rank {rank} of {comparison.Of}, quartile {comparison.Quartile}"
                : own.Mark is { } ownMark ? $"this authority; suppressed ({ownMark})" : "this authority")
                with { Numerator = own.Numerator, Denominator = own.Denominator },
        };
        var n = comparison.Neighbours;
        rows.AddRange(n.Members.Where(m => m.Value is not null || m.Mark is not null).Select(m => Level(TidyLevel.Authority, m.Code, m.LaNumber, m.Name ?? $"LA {m.LaNumber}", m.Value, m.Period,
            $"statistical neighbour ({n.Model} model); {(m.Mark is { } mark ? $"suppressed ({mark}), left out of the mean" : m.Source?.ToString().ToLowerInvariant())}")));
        if (n.Average is { } average)
            rows.Add(Level(TidyLevel.StatisticalNeighbours, null, null, "Statistical neighbours", average, null,
                $"mean of {n.Count} of {n.Of} ({n.Model} model; {n.Suppressed} suppressed, {n.Missing} missing); unrounded {R(n.AverageUnrounded)}; population-weighted {R(n.WeightedAverageUnrounded) ?? "not computed"}"));
        foreach (var (level, area) in new[] { (TidyLevel.Region, comparison.Region), (TidyLevel.England, comparison.England) })
            if (area.Value is not null || area.Mark is not null)
                rows.Add(Level(level, area.Code, null, area.Name, area.Value, area.Period, string.Join("; ", new[] { Names.Of(area.Source), area.Mark, area.Note }.Where(t => t is not null))));
        rows.AddRange(comparison.Groups.Where(g => g.Average is not null).Select(g => Level(TidyLevel.ComparatorGroup, g.Id, null, g.Name, g.Average, null, $"mean of {g.Count} of {g.Of}")));
        var heading = measure?.Title ?? comparison.Measure;
        return new TidyExport($"{own.Name}: {heading}, {comparison.Period}, against its peers", $"{Name(comparison.Measure)}-comparison-{comparison.Period}-{Name(own.Name)}",
            rows, reference.ViewOf(own.LaNumber).Labels);
    }

    private static TidyExport League(GetLeague.League league, ReferenceSnapshot reference)
    {
        var measure = reference.Measures.GetValueOrDefault(league.Measure);
        var period = Period.Parse(league.Period);
        var rows = league.Authorities.Select(a => new TidyRow(TidyLevel.Authority, a.Code, a.LaNumber, a.Name ?? $"LA {a.LaNumber}", league.Measure, measure?.Code,
            measure?.Title ?? league.Measure, measure?.Area, measure?.Unit ?? Unit.Count, measure?.DecimalPlaces ?? 1, period, null, a.Value,
            Note: string.Join("; ", new[] { a.Rank is { } rank ? $"rank {rank} of {league.Of}" : null, a.Quartile is { } q ? $"quartile {q}" : null, Names.Of(a.Source), a.NotRankedBecause }.Where(t => t is not null))))
            .ToList();
        return new TidyExport($"{measure?.Title ?? league.Measure}: every authority, {league.Period}", $"{Name(league.Measure)}-league-{league.Period}", rows, LabelScheme.Default,
            league.NotRankedBecause is { } why ? $"Not ranked: {why}" : null);
    }

    private static TidyRow Authority(AuthorityReference authority, Measure? measure, string id, string? code, string title, string? area, Period period, string? breakdown) =>
        new(TidyLevel.Authority, authority.Code, authority.LaNumber, authority.Name, id, code, title, area ?? measure?.Area, measure?.Unit ?? Unit.Count,
            measure?.DecimalPlaces ?? 1, period, breakdown, null);

    private static string Name(string text) => Common.Downloads.FileSafe(text);

    private static string? R(double? value) => value?.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
