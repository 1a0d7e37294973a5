using KpiService.Domain.Authorities;
using KpiService.Domain.Measures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Figures;

/// <summary>One figure as a system sends it (single PUT, a line of a return, a CSV row, a gRPC message).</summary>
public sealed record FigureInputItem(string? Measure, string? Period, string? Breakdown, double? Value, double? Numerator, double? Denominator, string? Note = null);

/// <summary>A checked figure, ready to decide on.</summary>
public sealed record ValidFigure(FigureKey Key, FigureValue Value, string? Note);

/// <summary>What validating a figure needs to know of the reference data.</summary>
public interface IFigureReference
{
    /// <summary>A measure as the authority names it (null authority: the national catalogue only).</summary>
    Measure? FindMeasure(int? laNumber, string idOrCode);

    /// <summary>The values an authority declared for a breakdown dimension, or null if it declared none.</summary>
    IReadOnlyList<string>? DimensionValues(int laNumber, string dimension);

    double? PopulationFor(int laNumber, Period period);
}

/// <summary>
/// Every check a figure must pass before anything is stored, collected rather than thrown so a return can name
/// every problem of every row at once.
/// </summary>
public static class FigureValidation
{
    public const int MaxNoteLength = 2_000;

    public static ValidFigure? Check(IFigureReference reference, Authority? authority, FigureInputItem item, string prefix, DateOnly today, List<FieldProblem> problems)
    {
        var before = problems.Count;
        var measure = item.Measure is null ? null : reference.FindMeasure(authority?.LaNumber, item.Measure);
        if (item.Measure is null) problems.Add(new(prefix + "measure", "is required."));
        else if (measure is null) problems.Add(new(prefix + "measure", $"'{Clip(item.Measure)}' is not a known measure."));

        Period period = default;
        if (item.Period is null) problems.Add(new(prefix + "period", "is required."));
        else if (!Period.TryParse(item.Period, out period))
            problems.Add(new(prefix + "period", $"'{Clip(item.Period)}' is not a period: use 2021-09, 2021-22-Q2 or 2021-22."));
        else if (period.Start > today)
            problems.Add(new(prefix + "period", $"{period} is in the future."));

        if (!Breakdown.TryParse(item.Breakdown, out var breakdown))
            problems.Add(new(prefix + "breakdown", $"'{Clip(item.Breakdown)}' is not a breakdown: use dimension:value, e.g. locality:Cheltenham."));
        else if (breakdown is not null && authority is not null)
        {
            if (reference.DimensionValues(authority.LaNumber, breakdown.Dimension) is not { } allowed)
                problems.Add(new(prefix + "breakdown", $"{authority.Name} has not declared the dimension '{Clip(breakdown.Dimension)}'."));
            else if (!allowed.Contains(breakdown.Value))
                problems.Add(new(prefix + "breakdown", $"'{Clip(breakdown.Value)}' is not a declared {breakdown.Dimension} of {authority.Name} ({string.Join(", ", allowed)})."));
        }
        PlainText.Check(problems, prefix + "note", item.Note, MaxNoteLength, multiline: true, required: false);

        if (measure is null) return null;
        var population = authority is not null && Period.TryParse(item.Period, out var p) ? reference.PopulationFor(authority.LaNumber, p) : null;
        var (value, valueProblems) = FigureInput.Resolve(measure, item.Value, item.Numerator, item.Denominator, population, prefix);
        problems.AddRange(valueProblems);
        return problems.Count > before || authority is null ? null : new ValidFigure(new FigureKey(authority.LaNumber, measure.Id, period, breakdown), value!, item.Note);
    }

    // Echo at most 60 characters of what a client sent: enough to find it, never a megabyte in an error.
    private static string Clip(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..60] + "…";
}
