using System.Text.RegularExpressions;
using KpiService.Domain.Figures;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Catalogue;

/// <summary>
/// A label is a display name and colour over one of the four statuses (Gloucestershire and Slough print "Yellow"
/// for amber, seeds/000 line 199). Names are short plain text, distinct from each other so a reader can tell the
/// statuses apart, and colours are <c>#rrggbb</c> so every renderer (HTML, XLSX, PDF) reads them the same way.
/// </summary>
public static partial class LabelSchemeRules
{
    public const int MaxNameLength = 30;

    public static List<FieldProblem> Check(IReadOnlyDictionary<RagStatus, StatusLabel> labels)
    {
        var problems = new List<FieldProblem>();
        foreach (var (status, label) in labels)
        {
            var field = $"labels.{Camel(status)}";
            if (!Enum.IsDefined(status)) { problems.Add(new(field, "is not a status: green, amber, red or unrated.")); continue; }
            PlainText.Check(problems, field + ".name", label.Name, MaxNameLength);
            if (label.Colour is null || !Colour().IsMatch(label.Colour))
                problems.Add(new(field + ".colour", $"'{label.Colour}' is not a colour: write #rrggbb, e.g. #ffdd00."));
        }
        var effective = LabelScheme.Default.Labels.Keys
            .Select(status => (status, name: (labels.TryGetValue(status, out var own) ? own : LabelScheme.Default.Labels[status]).Name?.Trim() ?? ""));
        foreach (var clash in effective.GroupBy(l => l.name, StringComparer.OrdinalIgnoreCase).Where(g => g.Key.Length > 0 && g.Count() > 1))
            problems.Add(new("labels", $"'{clash.Key}' names {string.Join(" and ", clash.Select(c => Camel(c.status)))}: each status needs its own name."));
        return problems;
    }

    public static string Camel(RagStatus status) => status.ToString() is var name && name.Length > 0 ? char.ToLowerInvariant(name[0]) + name[1..] : name;

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Colour();
}
