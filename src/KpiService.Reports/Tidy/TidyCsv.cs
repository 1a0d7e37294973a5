using System.Globalization;
using System.Text;
using KpiService.Domain.Catalogue;

namespace KpiService.Reports.Tidy;

/// <summary>
/// Tidy rows as RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line
/// break, quotes doubled. UTF-8, with a byte-order mark by default because Excel — where council analysts open these —
/// reads a BOM-less file as the local code page and mangles names such as "Bishop’s Stortford".
/// Numbers are written as numbers (invariant culture, shortest round-trip form, unrounded) and text cells are
/// neutralised against formula injection as OWASP's "CSV Injection" page advises: a cell beginning with = + - @,
/// tab or carriage return gets a leading apostrophe and is quoted, so a spreadsheet shows it as text instead of
/// running it. Numeric cells are never neutralised, so −3.5 stays a negative number.
/// </summary>
public static class TidyCsv
{
    public const string MediaType = "text/csv";

    public static readonly IReadOnlyList<string> Columns =
    [
        "level", "authority_code", "la_number", "authority", "measure_id", "measure_code", "measure", "area", "unit",
        "decimal_places", "period", "breakdown", "value", "numerator", "denominator", "target", "status", "label",
        "data_state", "note",
    ];

    public static void Write(TextWriter writer, IEnumerable<TidyRow> rows)
    {
        var line = new StringBuilder(256);
        writer.Write(Header());
        foreach (var row in rows)
        {
            AppendRow(line.Clear(), row);
            writer.Write(line);
        }
    }

    /// <summary>
    /// Writes asynchronously (ASP.NET Core refuses synchronous writes to a response body) in UTF-8, row by row, so
    /// memory stays bounded by one row and the stream writer's buffer.
    /// </summary>
    public static async Task WriteAsync(Stream stream, IEnumerable<TidyRow> rows, bool byteOrderMark = true, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(byteOrderMark), bufferSize: 16 * 1024, leaveOpen: true);
        var line = new StringBuilder(256);
        await writer.WriteAsync(Header().AsMemory(), cancellationToken);
        foreach (var row in rows)
        {
            AppendRow(line.Clear(), row);
            await writer.WriteAsync(line, cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
    }

    public static string ToCsv(IEnumerable<TidyRow> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, rows);
        return writer.ToString();
    }

    private static string Header() => string.Join(',', Columns) + "\r\n";

    private static void AppendRow(StringBuilder line, TidyRow row)
    {
        Text(line, Names.Of(row.Level)).Append(',');
        Text(line, row.AuthorityCode).Append(',');
        Number(line, row.LaNumber).Append(',');
        Text(line, row.Authority).Append(',');
        Text(line, row.MeasureId).Append(',');
        Text(line, row.MeasureCode).Append(',');
        Text(line, row.Measure).Append(',');
        Text(line, row.Area).Append(',');
        Text(line, Names.Of(row.Unit)).Append(',');
        Number(line, row.DecimalPlaces).Append(',');
        Text(line, row.Period.ToString()).Append(',');
        Text(line, row.Breakdown).Append(',');
        Number(line, row.Value).Append(',');
        Number(line, row.Numerator).Append(',');
        Number(line, row.Denominator).Append(',');
        Number(line, row.Target).Append(',');
        Text(line, row.Status is { } status ? Names.Of(status) : null).Append(',');
        Text(line, row.Label).Append(',');
        Text(line, row.DataState is { } state ? Names.Of(state) : null).Append(',');
        Text(line, row.Note).Append("\r\n");
    }

    private static StringBuilder Number(StringBuilder line, double? value) =>
        value is { } v && double.IsFinite(v) ? line.Append(v.ToString("R", CultureInfo.InvariantCulture)) : line;

    private static StringBuilder Number(StringBuilder line, int? value) =>
        value is { } v ? line.Append(v.ToString(CultureInfo.InvariantCulture)) : line;

    /// <summary>A text field, neutralised and quoted as needed (internal so the tests can table the cases).</summary>
    internal static StringBuilder Text(StringBuilder line, string? text)
    {
        if (string.IsNullOrEmpty(text)) return line;
        var dangerous = StartsLikeAFormula(text);
        var needsQuotes = dangerous || text.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (!needsQuotes) return line.Append(text);
        line.Append('"');
        if (dangerous) line.Append('\'');
        foreach (var c in text)
            line.Append(c == '"' ? "\"\"" : c);
        return line.Append('"');
    }

    internal static bool StartsLikeAFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
}
