using System.Globalization;
using System.Text.RegularExpressions;

namespace KpiService.Domain.Benchmarks;

/// <summary>A published cell: a number, or the mark printed in its place (kept as the mark, never as zero or blank).</summary>
public readonly partial record struct PublishedCell(double? Value, string? Mark)
{
    /// <summary>
    /// Marks DfE and the GSS publish instead of a number, with what they mean. LAIT writes <c>-</c>; EES uses
    /// <c>c</c>, <c>x</c>, <c>z</c>, <c>low</c>, <c>u</c>; older tables <c>..</c> and <c>:</c>; GSS guidance brackets them (<c>[c]</c>).
    /// Every mark the service accepted before stays accepted.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Marks = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["-"] = "not available or suppressed (LAIT)",
        ["c"] = "confidential: suppressed to protect individuals",
        ["x"] = "not available",
        ["z"] = "not applicable",
        [".."] = "not available (older DfE tables)",
        ["."] = "not available",
        [":"] = "not available",
        ["u"] = "low reliability",
        ["k"] = "a publisher's own mark (see its notes)",
        ["low"] = "rounds to zero but is not zero",
        ["[c]"] = "confidential (GSS)",
        ["[x]"] = "not available (GSS)",
        ["[z]"] = "not applicable (GSS)",
        ["[u]"] = "low reliability (GSS)",
        ["[low]"] = "rounds to zero but is not zero (GSS)",
        ["n/a"] = "not applicable",
        ["NA"] = "not available",
    };

    public bool IsMark => Mark is not null;

    /// <summary>
    /// A number (<c>12.5</c>, <c>-0.07</c>, <c>7.0000000000000007E-2</c> as LAIT exports it, <c>1,234</c>), or a
    /// mark in its canonical spelling; otherwise null and a problem naming what was found.
    /// </summary>
    public static PublishedCell? Parse(string? text, out string? problem)
    {
        problem = null;
        var cell = (text ?? "").Trim();
        if (cell.Length == 0)
        {
            problem = "is empty: give a number or a suppression mark (-, c, x, z, ..).";
            return null;
        }
        if (Marks.ContainsKey(cell))
            return new PublishedCell(null, Marks.Keys.First(mark => string.Equals(mark, cell, StringComparison.OrdinalIgnoreCase)));
        if (Thousands().IsMatch(cell)) cell = cell.Replace(",", "", StringComparison.Ordinal);
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            return new PublishedCell(value, null);
        problem = cell.EndsWith('%')
            ? $"'{Clip(cell)}' carries a % sign: give the number alone (the measure's unit says it is a percentage)."
            : $"'{Clip(cell)}' is neither a number nor a suppression mark (-, c, x, z, ..).";
        return null;
    }

    private static string Clip(string text) => text.Length <= 30 ? text : text[..30] + "…";

    [GeneratedRegex(@"^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Thousands();
}
