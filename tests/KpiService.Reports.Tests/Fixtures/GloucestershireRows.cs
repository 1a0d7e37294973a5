using System.Globalization;

namespace KpiService.Reports.Tests.Fixtures;

/// <summary>One row of Gloucestershire's September 2021 thematic dashboard as the seed printed it.</summary>
public sealed record SeedRow(string Area, string Title, string Overview, string PublishedGroup, double?[] Values, double? Target, bool LowerIsBetter);

/// <summary>
/// Reads the extracted dashboard (tests/KpiService.Domain.Tests/Golden/gloucestershire-2021-09.tsv, seeds/000 lines
/// 133–259). The extraction shifted some rows; the rules that undo it are the ones the domain tests document: a row
/// whose distance column is empty has no target (seeds/000 lines 171, 224), so its last cell is Sep-21; otherwise the
/// last cell is the target; the thirteen months are the thirteen cells before it (the court-proceedings row carries
/// one extra cell, seeds/000 line 228). The file's last three rows repeat measures from the performance-group view
/// under other spellings and are not part of the thematic dashboard.
/// </summary>
public static class GloucestershireRows
{
    public const int ThematicRows = 77;

    // The thematic areas, each starting at its first measure (seeds/000 lines 135, 151, 163, 173, 189, 196, 207, 230, 242).
    private static readonly (string Area, string FirstMeasure)[] Areas =
    [
        ("Response to Risk", "% of Initial contact decisions made within 24 hours"),
        ("Seeing Children", "% of Children in Need seen within the last 20 w.days"),
        ("Child's Voice", "% of children subject to CPP aged 5 and over seen alone"),
        ("Assessment, Planning and Review", "% of Single Assessments completed within 45 w.days"),
        ("Repeat Work", "Repeat referrals in-month"),
        ("Health and Wellbeing", "% children in care with an up-to-date health assessment (snapshot, overall)"),
        ("Stability and Permanence", "% of children in care Out-of-County"),
        ("Education – Children in Care and Care Leavers", "% of school aged children in care with an education placement"),
        ("Management Oversight", "% of Foster Carers with an up-to-date annual review"),
    ];

    // Lower is better for these (the same list the domain's golden test uses, from the seed's own arrows and commentary).
    private static readonly string[] LowerIsBetter =
    [
        "missing episode(s) in the last 12", "for more than 2 years", "Repeat referrals", "second/subsequent", "in care previously",
        "Out-of-County", "under S20", "3 or more placements", "school place is out-", "fixed-term excluded", "school move", "ongoing for more than 26 weeks",
    ];

    public static IReadOnlyList<SeedRow> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", "gloucestershire-2021-09.tsv");
        var rows = new List<SeedRow>();
        var area = "";
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Take(ThematicRows))
        {
            var fields = line.Split('\t');
            var title = fields[1].Trim();
            foreach (var (name, first) in Areas)
                if (title.StartsWith(first, StringComparison.Ordinal)) area = name;
            var cells = fields[8..].ToList();
            while (cells.Count > 0 && cells[^1].Trim().Length == 0) cells.RemoveAt(cells.Count - 1);
            var hasTarget = fields[7].Trim().Length > 0;
            double? target = hasTarget ? Percent(cells[^1]) : null;
            var months = (hasTarget ? cells[..^1] : cells).TakeLast(13).Select(Percent).ToArray();
            rows.Add(new SeedRow(area, title, fields[2].Trim(), fields[3].Trim(), months, target, LowerIsBetter.Any(title.Contains)));
        }
        return rows;
    }

    private static double? Percent(string cell) =>
        double.TryParse(cell.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
