using Sylvan.Data.Csv;

namespace KpiService.Common;

/// <summary>One CSV record with its 1-based row number, or the reason it could not be read.</summary>
public readonly record struct CsvRow(int Line, string[] Fields, string? Error);

/// <summary>
/// RFC 4180 CSV through Sylvan.Data.Csv, read in bounded memory whatever the input: a record must fit one buffer of
/// <see cref="MaxRecordLength"/> characters, so a 15 MB line of commas is refused after 64 K characters instead of
/// becoming 15 million fields, and a field longer than <see cref="MaxFieldLength"/> ends the read with a named error.
/// Every row (the header too) is yielded as it is read; a broken row is reported, never thrown.
/// </summary>
public static class Csv
{
    public const int MaxFieldLength = 4_000;
    public const int MaxRecordLength = 64 * 1024;

    public static async IAsyncEnumerable<CsvRow> ReadAsync(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Sylvan skips "comment" lines; '#' would silently drop a row, so the comment character is NUL, which no text
        // holds, and a line that starts with one is reported instead of skipped.
        var nulLineAfter = -1;
        var options = new CsvDataReaderOptions
        {
            HasHeaders = false, Delimiter = ',', Comment = '\0', OwnsReader = false,
            BufferSize = 16 * 1024, MaxBufferSize = MaxRecordLength,
            CommentHandler = (Action<CsvDataReader, string>)((csv, _) => nulLineAfter = nulLineAfter < 0 ? csv.RowNumber : nulLineAfter),
        };
        await using var csv = await CsvDataReader.CreateAsync(reader, options, cancellationToken);
        while (true)
        {
            var (row, more) = await NextAsync(csv, cancellationToken);
            if (nulLineAfter >= 0)
            {
                yield return new CsvRow(nulLineAfter + 1, [], "starts with a NUL character: send plain text.");
                yield break;
            }
            if (row is { } r) yield return r;
            if (!more) yield break;
        }
    }

    public static List<CsvRow> ReadAll(string path)
    {
        using var reader = new StreamReader(path);
        return ReadAsync(reader).ToBlockingEnumerable().ToList();
    }

    /// <summary>The next row (null for a blank line) and whether reading can go on.</summary>
    private static async Task<(CsvRow? Row, bool More)> NextAsync(CsvDataReader csv, CancellationToken cancellationToken)
    {
        var rowNumber = csv.RowNumber + 1;
        try
        {
            if (!await csv.ReadAsync(cancellationToken)) return (null, false);
        }
        catch (CsvRecordTooLargeException)
        {
            return (new CsvRow(rowNumber, [], $"is longer than {MaxRecordLength:N0} characters; a row of a return is a few hundred."), false);
        }
        catch (CsvFormatException e)
        {
            return (new CsvRow(e.RowNumber, [], "has a quoted field that is never closed or has text after its closing quote."), false);
        }
        var fields = new string[csv.RowFieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = csv.GetString(i);
            if (fields[i].Length > MaxFieldLength)
                return (new CsvRow(csv.RowNumber, [], $"has a field longer than {MaxFieldLength} characters."), true);
        }
        return fields is [""] ? (null, true) : (new CsvRow(csv.RowNumber, fields, null), true);
    }
}
