using KpiService.Domain.Measures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Benchmarks;

/// <summary>
/// The service's own columns, <c>measure, period, level, code, value</c> (API.md "Peer comparison"): a measure by
/// id, code or LAIT code; a service period (<c>2021-22</c>) or a published label (<c>2023/24</c>, <c>2022/23 (Rev)</c>)
/// read by the measure's year type; a level of authority, region or england, with levels it does not rank skipped.
/// </summary>
internal sealed class ServiceFormatReader(string[] header, BenchmarkContext context) : FormatReader(header)
{
    public static readonly string[] Columns = ["measure", "period", "level", "code", "value"];

    public override BenchmarkFormat Format => BenchmarkFormat.Service;

    protected override IEnumerable<BenchmarkLine> ReadRow(CsvRecord record)
    {
        var row = record.Row;
        var problems = new List<RowProblem>();
        string? skipped = null;
        var measure = context.FindMeasure(Cell(record, "measure"));
        if (measure is null) problems.Add(new(row, "measure", $"'{Clip(Cell(record, "measure"))}' is neither a measure id, a code nor a LAIT code."));

        PublishedPeriod? period = null;
        var periodText = Cell(record, "period");
        if (Period.TryParse(periodText, out var servicePeriod)) period = PublishedPeriod.Of(servicePeriod);
        else if (measure is not null)
        {
            period = PublishedPeriodLabels.Parse(periodText, measure.PublishedYearType ?? PublishedYearType.FinancialYear, out var problem);
            if (problem is not null) problems.Add(new(row, "period", $"is neither a period (2021-09, 2021-22-Q2, 2021-22) nor a published year: {problem}"));
        }

        var cell = PublishedCell.Parse(Cell(record, "value"), out var valueProblem);
        if (valueProblem is not null) problems.Add(new(row, "value", valueProblem));

        PublishedArea? area = null;
        var level = Cell(record, "level");
        var code = Cell(record, "code");
        switch (Levels.Ranked(level))
        {
            case AreaLevel.England:
                area = PublishedArea.England;
                break;
            case AreaLevel.Region when Geography.LondonSplit.Contains(code):
                skipped = SkipReasons.LondonSplit;
                break;
            case AreaLevel.Region:
                if (Geography.Region(code) is { } region) area = new PublishedArea(AreaLevel.Region, region);
                else problems.Add(new(row, "code", $"'{Clip(code)}' is not a region's GSS code or name."));
                break;
            case AreaLevel.Authority:
                if (context.FindAuthority(code) is { } laNumber) area = Geography.Authority(laNumber, period?.End ?? DateOnly.MaxValue);
                else problems.Add(new(row, "code", $"'{Clip(code)}' is not a known authority's LA number or GSS code."));
                break;
            default:
                skipped = Levels.SkipReason(level);
                if (skipped is null) problems.Add(new(row, "level", $"'{Clip(level)}' must be authority, region or england."));
                break;
        }
        return Outcome(row, problems, skipped, () => [new PublishedFigure(row, measure!.Id, period!, area!, cell!.Value.Value, cell.Value.Mark)]);
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
