using KpiService.Domain.Measures;

namespace KpiService.Domain.Figures;

/// <summary>A problem with one field of a submission; <c>Field</c> is the JSON path the client sent.</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>
/// Turns what a system posted (value and/or numerator and denominator) into a figure for a measure, or names
/// every problem. For population rates (per 1,000, 10,000 or 100,000) the numerator is the count and the denominator
/// defaults to the population.
/// </summary>
public static class FigureInput
{
    public static (FigureValue? Figure, List<FieldProblem> Problems) Resolve(
        Measure measure, double? value, double? numerator, double? denominator, double? population, string prefix = "")
    {
        var problems = new List<FieldProblem>();
        void Problem(string field, string message) => problems.Add(new(prefix + field, message));

        foreach (var (name, number) in new[] { ("value", value), ("numerator", numerator), ("denominator", denominator) })
        {
            if (number is { } n && (double.IsNaN(n) || double.IsInfinity(n) || Math.Abs(n) > 1e12))
                Problem(name, "must be a finite number below 10^12.");
            else if (number < 0)
                Problem(name, "must not be negative.");
        }
        if (problems.Count > 0) return (null, problems);

        if (measure.Unit.IsPopulationRate() && numerator is not null && denominator is null)
        {
            if (population is null)
                return (null, [new(prefix + "denominator", "no population aged 0–17 is known for this authority and year; send the denominator.")]);
            denominator = population;
        }

        if (measure.Unit == Unit.Count)
        {
            if (numerator is not null || denominator is not null)
                Problem("numerator", $"measure '{measure.Id}' is a count: send the count as 'value'.");
            if (value is null) Problem("value", "is required.");
            else if (!IsWhole(value.Value)) Problem("value", $"{value} is not a whole number: '{measure.Id}' counts children or cases.");
            return problems.Count > 0 ? (null, problems) : (new FigureValue(value!.Value, null, null), problems);
        }

        if (numerator is null != denominator is null)
            Problem(numerator is null ? "numerator" : "denominator", "numerator and denominator come together.");
        else if (numerator is null && value is null)
            Problem("value", "send a value, or a numerator and denominator.");
        else if (numerator is null && measure.RequiresNumeratorAndDenominator)
            Problem("numerator", $"measure '{measure.Id}' requires numerator and denominator, not a bare value.");
        if (problems.Count > 0) return (null, problems);

        if (numerator is { } num && denominator is { } den)
        {
            if (den == 0 && num != 0) Problem("denominator", "is zero but the numerator is not.");
            // 0 of 0 is no cohort, not a value of 0: stored as 0 it would read as the worst month in a chart, move SPC
            // limits and pull year-to-date and peer averages down. Refused, naming both halves.
            if (den == 0 && num == 0)
            {
                Problem("numerator", "is 0 of 0: with no cohort there is no value (not 0); leave the period out, or mark it not applicable.");
                Problem("denominator", "is 0: a fraction needs a cohort of at least 1.");
            }
            // A percentage's parts are children or cases; a rate's numerator is (its denominator is a population, often an estimate).
            if (!IsWhole(num) && measure.Unit != Unit.Average) Problem("numerator", $"{num} is not a whole number: it counts children or cases.");
            if (!IsWhole(den) && measure.Unit == Unit.Percentage) Problem("denominator", $"{den} is not a whole number: it counts children or cases.");
            if (measure.Unit == Unit.Percentage && num > den) Problem("numerator", $"{num} is above the denominator {den}.");
            if (problems.Count > 0) return (null, problems);
            var computed = MeasureValue.FromParts(measure.Unit, num, den) ?? 0;
            // Systems send rounded values; accept a value that agrees with its parts at the measure's precision.
            if (value is { } sent && Math.Abs(sent - computed) > 0.5 * Math.Pow(10, -measure.DecimalPlaces) + 1e-9)
                Problem("value", $"{sent} does not match numerator / denominator ({measure.Round(computed)}).");
            return problems.Count > 0 ? (null, problems) : (new FigureValue(computed, num, den), problems);
        }

        if (measure.Unit == Unit.Percentage && value > 100)
            Problem("value", $"{value} is outside 0–100 for a percentage.");
        return problems.Count > 0 ? (null, problems) : (new FigureValue(value!.Value, null, null), problems);
    }

    private static bool IsWhole(double number) => Math.Abs(number - Math.Round(number)) < 1e-9;
}
