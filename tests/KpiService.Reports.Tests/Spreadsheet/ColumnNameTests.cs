using KpiService.Reports.Spreadsheet;

namespace KpiService.Reports.Tests.Spreadsheet;

public sealed class ColumnNameTests
{
    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(27, "AB")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    [InlineData(16383, "XFD")]                                  // Excel's last column
    public void ColumnName_CountsInBase26WithoutZero(int column, string expected) =>
        SheetWriter.ColumnName(column).ShouldBe(expected);
}
