using DocumentFormat.OpenXml.Packaging;
using KpiService.Reports.Tidy;

namespace KpiService.Reports.Spreadsheet;

/// <summary>
/// The tidy rows as a sheet: the same columns as the CSV export, header frozen and filtered, values as numbers in
/// the measure's format, the label cell filled in the council's colour.
/// </summary>
internal static class DataSheet
{
    private static readonly double[] Widths = [14, 12, 9, 26, 30, 10, 60, 26, 11, 8, 10, 14, 10, 11, 11, 10, 9, 11, 14, 30];

    public static void Write(WorksheetPart part, WorkbookStyles styles, SharedStrings strings, IEnumerable<TidyRow> rows, string title, string? context)
    {
        using var sheet = new SheetWriter(part, strings, frozenRows: 3, frozenColumns: 0, Widths);
        sheet.StartRow(22).Text(title, styles.Title).EndRow();
        sheet.StartRow().Text(context, styles.Subtitle).EndRow();
        sheet.StartRow();
        foreach (var column in TidyCsv.Columns) sheet.Text(column, styles.Header);
        sheet.EndRow();

        foreach (var row in rows)
        {
            var value = styles.Value(row.Unit, row.DecimalPlaces);
            sheet.StartRow()
                .Text(Names.Of(row.Level), styles.Text)
                .Text(row.AuthorityCode, styles.Text)
                .Number(row.LaNumber, styles.Integer)
                .Text(row.Authority, styles.Text)
                .Text(row.MeasureId, styles.Text)
                .Text(row.MeasureCode, styles.Text)
                .Text(row.Measure, styles.Text)
                .Text(row.Area, styles.Text)
                .Text(Names.Of(row.Unit), styles.Text)
                .Number(row.DecimalPlaces, styles.Integer)
                .Text(row.Period.ToString(), styles.Text)
                .Text(row.Breakdown, styles.Text)
                .Number(row.Value, value)
                .Number(row.Numerator, styles.Plain)
                .Number(row.Denominator, styles.Plain)
                .Number(row.Target, value)
                .Text(row.Status is { } status ? Names.Of(status) : null, styles.Text)
                .Text(row.Label, row.Status is { } s ? styles.Status(s) : styles.Text)
                .Text(row.DataState is { } state ? Names.Of(state) : null, styles.Text)
                .Text(row.Note, styles.Text)
                .EndRow();
        }
        sheet.Finish(autoFilterRange: $"A3:{SheetWriter.ColumnName(TidyCsv.Columns.Count - 1)}{sheet.RowIndex}");
    }
}
