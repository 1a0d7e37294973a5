using System.Text.RegularExpressions;
using KpiService.Domain.Measures;

namespace KpiService.Domain.Benchmarks;

/// <summary>A measure's definition as derived from its LAIT dictionary entry (the id is chosen separately and kept stable).</summary>
public sealed record LaitDerivedMeasure(
    string Title, string Definition, string Area, Unit Unit, Polarity Polarity, int DecimalPlaces, Aggregation Aggregation, PublishedYearType YearType);

/// <summary>
/// How the shipped catalogue derives a measure from LAIT's dictionary (docs/catalogue.md "Deriving a measure"):
/// unit from the axis name and title, polarity from LAIT's words, decimal places from <c>dps</c> or LAIT's own
/// default of 1 (its app does <c>ifelse(is.na(dps), 1, dps)</c>), aggregation from whether the measure is a
/// snapshot, and a thematic area from topic and title. Written once here so a test can hold measures.json to it.
/// </summary>
public static partial class LaitMeasureDerivation
{
    public const int MaxDefinition = 4000;

    public static LaitDerivedMeasure Derive(LaitDictionaryEntry entry)
    {
        var yearType = PublishedPeriodLabels.LaitYearType(entry.YearType)
            ?? throw new FormatException($"LAIT measure {entry.Code}: unknown year type '{entry.YearType}'.");
        var polarity = LaitDictionary.PolarityOf(entry.Polarity)
            ?? throw new FormatException($"LAIT measure {entry.Code}: unknown polarity '{entry.Polarity}'.");
        var unit = UnitOf(entry);
        var snapshot = IsSnapshot(entry, yearType);
        var aggregation = unit is Unit.Count || unit.IsPopulationRate()
            ? snapshot ? Aggregation.Snapshot : Aggregation.Flow
            : snapshot ? Aggregation.Snapshot : Aggregation.Ratio;
        var title = Collapse(entry.Title);
        var definition = Collapse(entry.Description) is { Length: > 0 } d ? Clip(d) : title;
        return new(title, definition, AreaOf(entry), unit, polarity, entry.DecimalPlaces ?? 1, aggregation, yearType);
    }

    public static Unit UnitOf(LaitDictionaryEntry entry)
    {
        var text = $"{entry.Title} {entry.YAxis}".ToLowerInvariant();
        if (text.Contains("per 100,000")) return Unit.RatePer100k;
        if (text.Contains("per 10,000")) return Unit.RatePer10k;
        if (text.Contains("per 1,000")) return Unit.RatePer1k;
        if (entry.YAxis.TrimStart().StartsWith('%') || text.Contains('%') || text.Contains("percent")
            || text.Contains("turnover rate") || text.Contains("absence rate"))
            return Unit.Percentage;
        if (text.Contains("average") || text.Contains("score") || text.Contains("case load")) return Unit.Average;
        return Unit.Count;
    }

    /// <summary>
    /// A snapshot is counted on one day: LAIT's "Annual" (31 March) and "Annual (end of Sept)" year types, or a
    /// measure its dictionary dates "on/at 31 March" (or its code does: <c>CPP_31March_3MnthorMore</c>); unless its
    /// title counts something over the year (starters, turnover, absence, "during the year").
    /// </summary>
    public static bool IsSnapshot(LaitDictionaryEntry entry, PublishedYearType yearType) =>
        (yearType is PublishedYearType.EndOfMarch or PublishedYearType.EndOfSeptember || OnADay().IsMatch($"{entry.Code} {entry.Title} {entry.Description}"))
        && !OverTheYear().IsMatch(entry.Title);

    public static string AreaOf(LaitDictionaryEntry entry)
    {
        var title = entry.Title;
        if (entry.Topic.Contains("Workforce", StringComparison.OrdinalIgnoreCase)) return "Workforce";
        if (Education().IsMatch(title)) return "Education";
        if (CareLeavers().IsMatch(title)) return "Care leavers";
        if (entry.Topic.Equals("Adoption", StringComparison.OrdinalIgnoreCase) || Permanence().IsMatch(title)) return "Permanence";
        if (title.Contains("referral", StringComparison.OrdinalIgnoreCase)) return "Front door";
        if (title.Contains("assessment", StringComparison.OrdinalIgnoreCase)) return "Assessment";
        return entry.Topic.ToLowerInvariant() switch
        {
            "children looked after" => "Children in care",
            "children in need" => "Children in need",
            _ => "Child protection",
        };
    }

    private static string Collapse(string text) => Spaces().Replace(text, " ").Trim();

    private static string Clip(string text) =>
        text.Length <= MaxDefinition ? text : text[..text.LastIndexOf(' ', MaxDefinition - 2)] + "…";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\b(on|at) 31(st)? March|31March", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OnADay();

    [GeneratedRegex(@"during the year|\bstart(ing|ed)?\b|\bleav(ing|ers)\b|\bstarters\b|turnover|absence|\bin year\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OverTheYear();

    [GeneratedRegex(@"key stage|\bKS[24]\b|attainment|progress|absence|absentee|exclusion|\bSEN\b|EHCP|\bFSM\b|\bGLD\b|good level of development|foundation stage|baccalaureate|9-[45] pass|expected (standard|std)|sessions|school", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Education();

    [GeneratedRegex(@"care leaver|former relevant|leaving care|staying put", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CareLeavers();

    [GeneratedRegex(@"special guardianship|\bSGO\b|adopt|child arrangement|residence order|care applications|cafcass", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Permanence();
}
