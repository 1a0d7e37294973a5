namespace KpiService.Domain.Benchmarks;

/// <summary>
/// A published file being read: its format, recognised from the header, and its lines, read once, row by row.
/// Memory stays bounded by the file's distinct figures (a few bytes each, for the duplicate check), never by its
/// rows. Every problem is reported with its row number (the header is row 1); rows the service does not rank are
/// skipped with a reason to count, and a figure published twice in one file is a problem, never a silent overwrite.
/// </summary>
public sealed class BenchmarkFile
{
    private readonly IEnumerator<CsvRecord> _records;
    private readonly FormatReader? _reader;
    private readonly RowProblem? _headerProblem;
    private bool _read;

    private BenchmarkFile(IEnumerator<CsvRecord> records, FormatReader? reader, RowProblem? headerProblem)
    {
        _records = records;
        _reader = reader;
        _headerProblem = headerProblem;
    }

    /// <summary>The recognised format; null when the header is not one the import reads.</summary>
    public BenchmarkFormat? Format => _reader?.Format;

    public static BenchmarkFile Open(TextReader text, BenchmarkContext context)
    {
        var records = CsvRecords.Read(text).GetEnumerator();
        if (!records.MoveNext()) return new(records, null, new RowProblem(1, "body", "is empty: expected a header row."));
        var header = records.Current;
        if (header.Error is not null) return new(records, null, new RowProblem(1, "header", header.Error));
        var fields = header.Fields;
        if (ServiceFormatReader.Columns.All(c => fields.Any(f => FormatReader.Normalise(f) == c)))
            return new(records, new ServiceFormatReader(fields, context), null);
        if (LaitReader.For(fields, context) is { } lait) return new(records, lait, null);
        if (EesReader.For(fields, context, out var eesProblem) is { } ees) return new(records, ees, eesProblem);
        return new(records, null, new RowProblem(1, "header",
            "is not a format the import reads: LAIT's download (Short Desc, Data item, Years, LA and Regions, Values, LA Number, Region), "
            + "an EES data file (time_period, time_identifier, geographic_level, …, indicator columns) or measure,period,level,code,value."));
    }

    /// <summary>Every figure, problem and skip, in file order. Read once.</summary>
    public IEnumerable<BenchmarkLine> Lines()
    {
        if (_read) throw new InvalidOperationException("A benchmark file is read once.");
        _read = true;
        return Read();
    }

    private IEnumerable<BenchmarkLine> Read()
    {
        using var records = _records;
        if (_headerProblem is not null || _reader is null)
        {
            yield return _headerProblem!;
            yield break;
        }
        var seen = new FigureKeys();
        while (records.MoveNext())
            foreach (var line in _reader.Read(records.Current))
                yield return line is PublishedFigure figure && seen.FirstRow(figure) is { } first
                    ? new RowProblem(figure.Row, "row", $"repeats row {first}: {figure.MeasureId}, {figure.Period.Label}, {figure.Area.Code} are published twice.")
                    : line;
    }

    /// <summary>Figures seen so far, as one 64-bit key each: measure, period and area interned to small numbers.</summary>
    private sealed class FigureKeys
    {
        private readonly Dictionary<string, long> _measures = [];
        private readonly Dictionary<PublishedPeriod, long> _periods = [];
        private readonly Dictionary<(AreaLevel, string), long> _areas = [];
        private readonly Dictionary<long, int> _rows = [];

        public int? FirstRow(PublishedFigure figure)
        {
            var key = (Intern(_measures, figure.MeasureId) << 42) | (Intern(_periods, figure.Period) << 21) | Intern(_areas, (figure.Area.Level, figure.Area.Code));
            if (_rows.TryGetValue(key, out var first)) return first;
            _rows[key] = figure.Row;
            return null;
        }

        private static long Intern<T>(Dictionary<T, long> names, T name) where T : notnull
        {
            if (!names.TryGetValue(name, out var number)) names[name] = number = names.Count;
            return number;
        }
    }
}
