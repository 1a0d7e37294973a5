using System.Text;

namespace KpiService.Common;

/// <summary>One CSV record with its 1-based line number, or the reason it could not be read.</summary>
public readonly record struct CsvRow(int Line, string[] Fields, string? Error);

/// <summary>
/// A small streaming RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF. It reads from a TextReader, so a
/// 50,000-row back-load never sits in memory as one string, and it reports broken rows instead of throwing.
/// </summary>
public static class Csv
{
    public const int MaxFieldLength = 4_000;

    public static async IAsyncEnumerable<CsvRow> ReadAsync(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            var startLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            string? error = null;
            var i = 0;
            while (true)
            {
                if (i >= text.Length)
                {
                    if (!quoted) break;
                    // A quoted field may span lines.
                    var next = await reader.ReadLineAsync(cancellationToken);
                    if (next is null) { error = "a quoted field is never closed."; break; }
                    line++;
                    field.Append('\n');
                    text = next;
                    i = 0;
                    continue;
                }
                var c = text[i++];
                if (quoted)
                {
                    if (c == '"' && i < text.Length && text[i] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else field.Append(c);
                }
                else if (c == '"' && field.Length == 0) quoted = true;
                else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
                else field.Append(c);
                if (field.Length > MaxFieldLength) { error = $"a field is longer than {MaxFieldLength} characters."; break; }
            }
            fields.Add(field.ToString());
            if (error is null && fields.Count == 1 && fields[0].Length == 0) continue; // blank line
            yield return new CsvRow(startLine, [.. fields], error);
        }
    }

    public static List<CsvRow> ReadAll(string path)
    {
        using var reader = new StreamReader(path);
        return ReadAsync(reader).ToBlockingEnumerable().ToList();
    }
}
