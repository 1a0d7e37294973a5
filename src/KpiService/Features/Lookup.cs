using KpiService.Domain.Authorities;
using KpiService.Domain.Figures;
using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Common;
using KpiService.ReadModels.Reference;

namespace KpiService.Features;

/// <summary>An authority as answers name it: both codes and the name.</summary>
public sealed record AuthorityReference(string? Code, int LaNumber, string Name);

/// <summary>Resolving what a request names. Reads answer 404 for an unknown name; submissions list it among their 400 problems.</summary>
public static class Lookup
{
    public static Authority Authority(this ReferenceSnapshot reference, string code) =>
        reference.FindAuthority(code) ?? throw new NotFoundException($"No authority has the GSS code or LA number '{code}'.");

    public static Measure Measure(this ReferenceSnapshot reference, string id) =>
        reference.Measures.GetValueOrDefault(id) ?? throw new NotFoundException($"No measure has the id '{id}'. GET /api/v1/measures lists them.");

    /// <summary>A national measure by its id, its LAIT code or its code, as published files name it (ReReferral, CSC 209).</summary>
    public static Measure MeasureByIdOrCode(this ReferenceSnapshot reference, string name) =>
        reference.Measures.GetValueOrDefault(name)
            ?? reference.Measures.Values.FirstOrDefault(m => string.Equals(m.LaitCode, name, StringComparison.OrdinalIgnoreCase))
            ?? reference.Measures.Values.FirstOrDefault(m => string.Equals(m.Code, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new NotFoundException($"No measure has the id, LAIT code or code '{name}'. GET /api/v1/measures lists them.");

    /// <summary>A measure as an authority names it: national, its own local measure (id or slug), or a code it uses.</summary>
    public static Measure Measure(this ReferenceSnapshot reference, string id, Authority authority) =>
        reference.ViewOf(authority.LaNumber).Find(id)
            ?? throw new NotFoundException($"{authority.Name} has no measure '{id}'. GET /api/v1/authorities/{authority.LaNumber}/measures lists the measures it sees.");

    public static Period Period(string text, string field = "period") =>
        Domain.Periods.Period.TryParse(text, out var period) ? period
            : throw ValidationFailedException.Of(field, $"'{text}' is not a period: use 2021-09 (month), 2021-22-Q2 (financial quarter) or 2021-22 (financial year).");

    public static Breakdown? Breakdown(string? text, string field = "breakdown") =>
        Domain.Figures.Breakdown.TryParse(text, out var breakdown) ? breakdown
            : throw ValidationFailedException.Of(field, $"'{text}' is not a breakdown: use dimension:value, e.g. locality:Cheltenham.");

    /// <summary>What a request about one figure (or its rating) names: resolved, or 404/400 naming what is wrong.</summary>
    public static (Authority Authority, Measure Measure, Domain.Periods.Period Period, Breakdown? Breakdown) Figure(
        this ReferenceSnapshot reference, string authority, string measure, string period, string? breakdown)
    {
        var found = reference.Authority(authority);
        return (found, reference.Measure(measure, found), Period(period), Breakdown(breakdown));
    }

    public static AuthorityReference ToReference(this Authority authority) => new(authority.GssCode, authority.LaNumber, authority.Name);
}
