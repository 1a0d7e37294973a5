namespace KpiService.Domain.Benchmarks;

/// <summary>Reads one format's rows once its header is known; each row yields figures, problems or a skip.</summary>
internal abstract class FormatReader(string[] header)
{
    private readonly Dictionary<string, int> _columns = header.Select((name, index) => (name: Normalise(name), index))
        .GroupBy(c => c.name).ToDictionary(g => g.Key, g => g.First().index);

    public abstract BenchmarkFormat Format { get; }

    protected int Width => header.Length;

    public static string Normalise(string name) => string.Join(' ', name.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public bool Has(string column) => _columns.ContainsKey(Normalise(column));

    // Columns are looked up by the names readers pass, once each, not normalised again on every cell of every row.
    private readonly Dictionary<string, int?> _lookups = new(StringComparer.Ordinal);

    protected int? Index(string column)
    {
        if (!_lookups.TryGetValue(column, out var index))
            _lookups[column] = index = _columns.TryGetValue(Normalise(column), out var found) ? found : null;
        return index;
    }

    protected string Cell(CsvRecord record, string column) => Index(column) is { } index ? record.Fields[index].Trim() : "";

    /// <summary>A record whose width differs from the header's is one problem; the reader never guesses which cell moved.</summary>
    public IEnumerable<BenchmarkLine> Read(CsvRecord record)
    {
        if (record.Error is not null) return [new RowProblem(record.Row, "row", record.Error)];
        if (record.Fields.Length != Width) return [new RowProblem(record.Row, "row", $"has {record.Fields.Length} fields; the header has {Width}.")];
        return ReadRow(record);
    }

    protected abstract IEnumerable<BenchmarkLine> ReadRow(CsvRecord record);

    /// <summary>Problems if any, else a skip if any, else the figures.</summary>
    protected static IEnumerable<BenchmarkLine> Outcome(int row, List<RowProblem> problems, string? skipped, Func<IEnumerable<BenchmarkLine>> figures) =>
        problems.Count > 0 ? problems : skipped is not null ? [new RowSkipped(row, skipped)] : figures();
}
