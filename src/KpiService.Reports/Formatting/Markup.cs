using System.Text;

namespace KpiService.Reports.Formatting;

/// <summary>
/// Escaping for text placed in HTML or SVG, in a text node or a quoted attribute alike: &amp; &lt; &gt; " and '
/// become references, and control characters XML cannot carry are dropped, so commentary pasted from a case
/// system can never open a tag, close an attribute or break the document.
/// </summary>
public static class Markup
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                case < ' ' when c is not ('\t' or '\n' or '\r'): break;
                case '\uFFFE' or '\uFFFF': break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }

    /// <summary>A value safe as an HTML id or fragment: letters, digits, hyphen and underscore, starting with a letter.</summary>
    public static string Id(string prefix, string text)
    {
        var cleaned = new string(text.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray());
        return prefix + "-" + cleaned;
    }
}
