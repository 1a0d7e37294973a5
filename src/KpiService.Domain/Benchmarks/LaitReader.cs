using System.Globalization;
using KpiService.Domain.Measures;

namespace KpiService.Domain.Benchmarks;

/// <summary>
/// LAIT's long data, in its own download shape (<c>Short Desc, Data item, Years, LA and Regions, Values, LA Number,
/// Region</c>) or with its dictionary's columns (<c>measure_short, year_type, year_num, la_number, value_raw</c>).
/// Areas are LAIT's numbers (970 England, 980–990 regions, the rest authorities); a bare year is read by the
/// measure's year type (the row's <c>year_type</c> where the file has one).
/// </summary>
internal sealed class LaitReader : FormatReader
{
    private readonly BenchmarkContext _context;
    private readonly string _code, _year, _area, _value;
    private readonly string? _yearType;
    private readonly Dictionary<(string, PublishedYearType), (PublishedPeriod? Period, string? Problem)> _periods = [];

    private LaitReader(string[] header, BenchmarkContext context, BenchmarkFormat format, string code, string year, string area, string value, string? yearType)
        : base(header)
    {
        _context = context;
        Format = format;
        (_code, _year, _area, _value, _yearType) = (code, year, area, value, yearType);
    }

    public override BenchmarkFormat Format { get; }

    public static LaitReader? For(string[] header, BenchmarkContext context)
    {
        var longShape = new LaitReader(header, context, BenchmarkFormat.LaitLong, "Short Desc", "Years", "LA Number", "Values", null);
        if (new[] { "Short Desc", "Years", "LA Number", "Values" }.All(longShape.Has)) return longShape;
        var keyShape = new LaitReader(header, context, BenchmarkFormat.LaitKeyMeasures, "measure_short", "year_num", "la_number", "value_raw", "year_type");
        if (new[] { "measure_short", "year_type", "la_number", "value_raw" }.All(keyShape.Has))
            return keyShape.Has("year_label") ? new(header, context, BenchmarkFormat.LaitKeyMeasures, "measure_short", "year_label", "la_number", "value_raw", "year_type") : keyShape;
        return null;
    }

    protected override IEnumerable<BenchmarkLine> ReadRow(CsvRecord record)
    {
        var row = record.Row;
        var problems = new List<RowProblem>();
        string? skipped = null;
        var code = Cell(record, _code);
        var measure = _context.FindMeasure(code);
        if (measure is null) problems.Add(new(row, _code, $"'{code}' is not the LAIT code of a measure in the catalogue."));

        var yearType = measure?.PublishedYearType ?? PublishedYearType.FinancialYear;
        if (_yearType is not null)
        {
            if (PublishedPeriodLabels.LaitYearType(Cell(record, _yearType)) is { } rowType) yearType = rowType;
            else problems.Add(new(row, _yearType, $"'{Cell(record, _yearType)}' is not a LAIT year type (Financial Year, Academic Year, Annual, Annual (end of Sept))."));
        }

        var cell = PublishedCell.Parse(Cell(record, _value), out var valueProblem);
        if (valueProblem is not null) problems.Add(new(row, _value, valueProblem));

        var yearText = Cell(record, _year);
        PublishedPeriod? period = null;
        if (yearText == "0")
        {
            // LAIT's download carries a few rows dated year 0, all without a value: there is nothing to place.
            if (cell is { IsMark: true }) skipped = SkipReasons.LaitYearZero;
            else problems.Add(new(row, _year, "0 is not a year, and the row carries a value."));
        }
        else
        {
            // A download repeats a few dozen labels over and over: read each once.
            if (!_periods.TryGetValue((yearText, yearType), out var parsed))
                _periods[(yearText, yearType)] = parsed = (PublishedPeriodLabels.Parse(yearText, yearType, out var yearProblem), yearProblem);
            period = parsed.Period;
            if (parsed.Problem is not null) problems.Add(new(row, _year, parsed.Problem));
        }

        PublishedArea? area = null;
        var areaText = Cell(record, _area);
        if (!int.TryParse(areaText, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            problems.Add(new(row, _area, $"'{areaText}' is not a LAIT area number."));
        else
        {
            area = Geography.FromLaitNumber(number, _context.FindAuthority, period?.End ?? DateOnly.MaxValue, out var areaSkipped, out var areaProblem);
            if (areaProblem is not null) problems.Add(new(row, _area, areaProblem));
            skipped ??= areaSkipped;
        }

        return Outcome(row, problems, skipped, () => [new PublishedFigure(row, measure!.Id, period!, area!, cell!.Value.Value, cell.Value.Mark)]);
    }
}
