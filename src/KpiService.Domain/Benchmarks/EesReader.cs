using KpiService.Domain.Measures;

namespace KpiService.Domain.Benchmarks;

/// <summary>
/// An Explore Education Statistics data file: observational columns (<c>time_period</c>, <c>time_identifier</c>,
/// <c>geographic_level</c>, <c>country_code</c>, <c>region_code</c>, <c>old_la_code</c>, <c>new_la_code</c>…),
/// filter columns, and one column per indicator. Each row gives one figure per indicator column mapped to a measure.
/// </summary>
internal sealed class EesReader : FormatReader
{
    private static readonly HashSet<string> Observational = new(StringComparer.Ordinal)
    {
        "time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code", "region_name",
        "old_la_code", "new_la_code", "la_name", "lad_code", "lad_name", "pcon_code", "pcon_name",
    };

    private readonly BenchmarkContext _context;
    private readonly List<(string Column, Measure Measure)> _indicators = [];

    private EesReader(string[] header, BenchmarkContext context) : base(header)
    {
        _context = context;
        var mapped = context.IndicatorColumns ?? new Dictionary<string, string>();
        foreach (var column in header.Select(h => h.Trim()).Where(h => !Observational.Contains(Normalise(h))))
        {
            var key = mapped.FirstOrDefault(m => Normalise(m.Key) == Normalise(column)).Value ?? column;
            if (context.FindMeasure(key) is { } measure) _indicators.Add((column, measure));
        }
    }

    public override BenchmarkFormat Format => BenchmarkFormat.Ees;

    public static FormatReader? For(string[] header, BenchmarkContext context, out RowProblem? problem)
    {
        problem = null;
        var reader = new EesReader(header, context);
        if (!new[] { "time_period", "time_identifier", "geographic_level" }.All(reader.Has)) return null;
        if (reader._indicators.Count == 0)
            problem = new RowProblem(1, "header", "no column names a measure: name indicator columns by measure id, code or LAIT code, or map them.");
        else if (context.Filters?.Keys.FirstOrDefault(f => !reader.Has(f)) is { } missing)
            problem = new RowProblem(1, "header", $"has no filter column '{missing}'.");
        return reader;
    }

    protected override IEnumerable<BenchmarkLine> ReadRow(CsvRecord record)
    {
        var row = record.Row;
        foreach (var (column, wanted) in _context.Filters ?? new Dictionary<string, string>())
            if (!string.Equals(Cell(record, column), wanted.Trim(), StringComparison.OrdinalIgnoreCase))
                return [new RowSkipped(row, SkipReasons.FilteredOut(Normalise(column), wanted))];

        var problems = new List<RowProblem>();
        string? skipped = null;
        var level = Cell(record, "geographic_level");
        Func<DateOnly, PublishedArea>? area = null;
        switch (Levels.Ranked(level))
        {
            case AreaLevel.England:
                area = _ => PublishedArea.England;
                break;
            case AreaLevel.Region when Geography.LondonSplit.Contains(Cell(record, "region_code")) || Geography.LondonSplit.Contains(Cell(record, "region_name")):
                skipped = SkipReasons.LondonSplit;
                break;
            case AreaLevel.Region:
                if ((Geography.Region(Cell(record, "region_code")) ?? Geography.Region(Cell(record, "region_name"))) is { } region)
                    area = _ => new PublishedArea(AreaLevel.Region, region);
                else problems.Add(new(row, "region_code", $"'{Cell(record, "region_code")}' is not an English region's code."));
                break;
            case AreaLevel.Authority:
                var code = Cell(record, "old_la_code") is { Length: > 0 } old ? old : Cell(record, "new_la_code");
                if (_context.FindAuthority(code) is { } laNumber) area = end => Geography.Authority(laNumber, end);
                else problems.Add(new(row, "old_la_code", $"'{code}' (or new_la_code '{Cell(record, "new_la_code")}') is not a known authority."));
                break;
            default:
                skipped = SkipReasons.LevelNotRanked(level);
                break;
        }
        if (problems.Count > 0 || skipped is not null) return Outcome(row, problems, skipped, () => []);

        var figures = new List<BenchmarkLine>();
        foreach (var (column, measure) in _indicators)
        {
            var period = EesTime.Period(Cell(record, "time_period"), Cell(record, "time_identifier"), measure.PublishedYearType ?? PublishedYearType.FinancialYear, out var timeProblem);
            if (timeProblem is not null) { problems.Add(new(row, "time_period", timeProblem)); break; }
            var cell = PublishedCell.Parse(Cell(record, column), out var valueProblem);
            if (valueProblem is not null) problems.Add(new(row, column, valueProblem));
            else figures.Add(new PublishedFigure(row, measure.Id, period!, area!(period!.End), cell!.Value.Value, cell.Value.Mark));
        }
        return problems.Count > 0 ? problems : figures;
    }
}
