using System.Globalization;
using KpiService.Domain.Figures;
using KpiService.Domain.Measures;

namespace KpiService.Domain.Catalogue;

/// <summary>
/// The shape a council's own measure must have: the same rules as a national measure (API.md "Reference data"),
/// with every text field plain text.
/// </summary>
public static class LocalMeasureRules
{
    public const int MaxTitle = 300, MaxDefinition = 4000, MaxArea = 100, MaxCode = 60, MaxDecimalPlaces = 4;

    public static List<FieldProblem> Check(Measure measure)
    {
        var problems = new List<FieldProblem>();
        PlainText.Check(problems, "title", measure.Title, MaxTitle);
        PlainText.Check(problems, "definition", measure.Definition, MaxDefinition, multiline: true, required: false);
        PlainText.Check(problems, "area", measure.Area, MaxArea);
        PlainText.Check(problems, "code", measure.Code, MaxCode, required: false);
        if (!Enum.IsDefined(measure.Unit)) problems.Add(new("unit", "must be percentage, count, ratePer1k, ratePer10k, ratePer100k or average."));
        if (!Enum.IsDefined(measure.Polarity)) problems.Add(new("polarity", "must be higher, lower or neutral."));
        if (!Enum.IsDefined(measure.Aggregation)) problems.Add(new("aggregation", "must be flow, snapshot or ratio."));
        else if (measure.Unit == Unit.Count && measure.Aggregation == Aggregation.Ratio)
            problems.Add(new("aggregation", "a count aggregates as flow or snapshot, not ratio."));
        if (measure.DecimalPlaces is < 0 or > MaxDecimalPlaces)
            problems.Add(new("decimalPlaces", $"must be 0 to {MaxDecimalPlaces}."));
        if (measure.FlatThreshold is { } flat && (!double.IsFinite(flat) || flat < 0))
            problems.Add(new("flatThreshold", "must be a finite number, 0 or more."));
        if (measure.SmallCohortThreshold is < 0)
            problems.Add(new("smallCohortThreshold", "must be 0 or more."));
        if (measure.LaitCode is not null)
            problems.Add(new("laitCode", "LAIT publishes national measures only: set a local code or title on the national measure instead."));
        return problems;
    }

    /// <summary>
    /// Figures already stored were computed in the old unit (a percentage re-read as a count means nothing), so a
    /// unit stays fixed once figures exist; a council defines a new measure instead.
    /// </summary>
    public static FieldProblem? UnitChange(Measure existing, Measure proposed, bool hasFigures) =>
        hasFigures && existing.Unit != proposed.Unit
            ? new("unit", $"cannot change from {Camel(existing.Unit)} to {Camel(proposed.Unit)}: figures exist for '{existing.Id}'. Define a new measure instead.")
            : null;

    /// <summary>Equal definitions, comparing performance-group bands by value.</summary>
    public static bool SameDefinition(Measure left, Measure right) =>
        left with { PerformanceGroups = null } == right with { PerformanceGroups = null }
        && SameBands(left.PerformanceGroups, right.PerformanceGroups);

    public static bool SameBands(IReadOnlyList<PerformanceGroupBand>? left, IReadOnlyList<PerformanceGroupBand>? right) =>
        left is null ? right is null : right is not null && left.SequenceEqual(right);

    private static string Camel(Unit unit) => unit.ToString() is var name ? char.ToLower(name[0], CultureInfo.InvariantCulture) + name[1..] : "";
}
