using System.Text;

namespace KpiService.Domain.Benchmarks;

/// <summary>
/// One CSV record. <c>Row</c> counts records as a spreadsheet shows them (the header is row 1), which is what an
/// analyst looks for: LAIT's download has cells spanning several lines, so line numbers would point elsewhere.
/// </summary>
public readonly record struct CsvRecord(int Row, string[] Fields, string? Error);

/// <summary>
/// A streaming RFC 4180 reader over a <see cref="TextReader"/>: quoted fields, doubled quotes, line breaks inside
/// quotes, CRLF or LF. It holds one record at a time, so a 237,000-row download never sits in memory, and it reports
/// a broken record instead of throwing.
/// </summary>
public static class CsvRecords
{
    public const int MaxFieldLength = 10_000;

    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var row = 0;
        var fields = new List<string>();
        var field = new StringBuilder();
        while (reader.ReadLine() is { } line)
        {
            row++;
            fields.Clear();
            field.Clear();
            string? error = null;
            var quoted = false;
            var i = 0;
            while (true)
            {
                if (i >= line.Length)
                {
                    if (!quoted) break;
                    if (reader.ReadLine() is not { } next) { error = "a quoted field is never closed."; break; }
                    field.Append('\n');
                    line = next;
                    i = 0;
                    continue;
                }
                var c = line[i++];
                if (quoted)
                {
                    if (c != '"') field.Append(c);
                    else if (i < line.Length && line[i] == '"') { field.Append('"'); i++; }
                    else quoted = false;
                }
                else if (c == '"' && field.Length == 0) quoted = true;
                else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
                else field.Append(c);
                if (field.Length > MaxFieldLength) { error = $"a field is longer than {MaxFieldLength} characters."; break; }
            }
            fields.Add(field.ToString());
            if (error is null && fields.Count == 1 && fields[0].Length == 0) continue; // a blank line: a spreadsheet still counts its row
            if (row == 1 && fields[0].StartsWith('\uFEFF')) fields[0] = fields[0][1..];
            yield return new CsvRecord(row, [.. fields], error);
            if (error is not null) yield break;
        }
    }
}
