using System.Text.RegularExpressions;
using KpiService.Domain.Figures;

namespace KpiService.Domain;

/// <summary>
/// Free text (commentary, titles, label names, reasons) is stored and echoed as plain text. Councils' packs paste
/// HTML into commentary (seeds/002 line 456: <c>&lt;p&gt;21 children came into care…&lt;/p&gt; &lt;ul style=…&gt;</c>),
/// and a dashboard that renders it would run whatever came with it; a terminal tailing a log would obey escape
/// sequences. So markup, character references and control characters are refused, naming the field and where.
/// </summary>
public static partial class PlainText
{
    /// <summary>The first reason <paramref name="text"/> is not acceptable plain text for its field, or null.</summary>
    public static string? Problem(string? text, int maxLength, bool multiline = false, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
            return required ? "is required." : null;
        if (text.Length > maxLength)
            return $"is {text.Length} characters long; at most {maxLength} are allowed.";
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var at = $"at character {i + 1}";
            if (c == '\0') return $"contains a NUL character {at}: send plain text.";
            if (c is '\u001b' or '\u009b') return $"contains a terminal escape sequence {at}: send plain text.";
            if (c is '\n' or '\r' or '\t')
            {
                if (!multiline) return $"contains a line break or tab {at}: it must be a single line.";
                continue;
            }
            if (char.IsControl(c)) return $"contains the control character U+{(int)c:X4} {at}: send plain text.";
            // Embedding, override and isolate controls reorder what a reader sees ("Trojan Source").
            if (c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069')
                return $"contains the bidirectional control U+{(int)c:X4} {at}: send plain text.";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return $"contains an unpaired surrogate {at}: it is not valid Unicode.";
        }
        if (Markup().Match(text) is { Success: true } tag)
            return $"contains markup ('{Clip(tag.Value)}') at character {tag.Index + 1}: send plain text, not HTML.";
        if (CharacterReference().Match(text) is { Success: true } reference)
            return $"contains an HTML character reference ('{reference.Value}') at character {reference.Index + 1}: send the character itself.";
        return null;
    }

    /// <summary>Adds the problem for <paramref name="field"/>, if any, to <paramref name="problems"/>.</summary>
    public static void Check(List<FieldProblem> problems, string field, string? text, int maxLength, bool multiline = false, bool required = true)
    {
        if (Problem(text, maxLength, multiline, required) is { } message) problems.Add(new FieldProblem(field, message));
    }

    /// <summary>Empty or blank text means "none": stored as null, never as an empty string.</summary>
    public static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Clip(string text) => text.Length <= 20 ? text : text[..20] + "…";

    // A tag, end tag, comment, doctype or processing instruction: "<" followed by a letter, "/", "!" or "?".
    // "a < b", "<5 %" and "<= 10" stay plain text.
    [GeneratedRegex(@"<\s*[A-Za-z/!?][^<>]*>?", RegexOptions.CultureInvariant)]
    private static partial Regex Markup();

    [GeneratedRegex(@"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});", RegexOptions.CultureInvariant)]
    private static partial Regex CharacterReference();
}
