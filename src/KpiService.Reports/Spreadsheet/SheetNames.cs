namespace KpiService.Reports.Spreadsheet;

/// <summary>
/// Sheet names Excel accepts: at most 31 characters, none of \ / ? * [ ] :, not starting or ending with an
/// apostrophe, not "History" (reserved), and unique ignoring case. Gloucestershire's "Education – Children in Care
/// and Care Leavers" (seeds/000 line 230) is 45 characters, so long titles are cut and numbered when they clash.
/// </summary>
internal sealed class SheetNames
{
    public const int MaxLength = 31;
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase) { "History" };

    public string Claim(string title)
    {
        var cleaned = new string(title.Select(c => c is '\\' or '/' or '?' or '*' or '[' or ']' or ':' || char.IsControl(c) ? ' ' : c).ToArray());
        cleaned = string.Join(' ', cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('\'').Trim();
        if (cleaned.Length == 0) cleaned = "Sheet";
        var name = Cut(cleaned, MaxLength);
        for (var n = 2; !_used.Add(name); n++)
        {
            var suffix = $" ({n})";
            name = Cut(cleaned, MaxLength - suffix.Length) + suffix;
        }
        return name;
    }

    /// <summary>Cuts at a word boundary where one falls in the last third, so a tab reads "…in Care", not "…in Care an".</summary>
    private static string Cut(string text, int length)
    {
        if (text.Length <= length) return text;
        var cut = text[..length];
        var space = text[length] == ' ' ? length : cut.LastIndexOf(' ');
        if (space >= length * 2 / 3) cut = cut[..space];
        return cut.TrimEnd().TrimEnd('\'');
    }
}
