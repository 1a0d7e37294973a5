using KpiService.Reports.Spreadsheet;

namespace KpiService.Reports.Tests.Spreadsheet;

public sealed class SheetNamesTests
{
    [Theory]
    [InlineData("Response to Risk", "Response to Risk")]
    [InlineData("Education – Children in Care and Care Leavers", "Education – Children in Care")] // seeds/000 line 230
    [InlineData("Front door: contacts/referrals [MASH]", "Front door contacts referrals")]
    [InlineData("'Quoted'", "Quoted")]
    [InlineData("History", "History (2)")]
    [InlineData("   ", "Sheet")]
    [InlineData("Abcdefghijklmnopqrstuvwxyzabcdefghij", "Abcdefghijklmnopqrstuvwxyzabcde")]
    public void Claim_ReturnsANameExcelAccepts(string title, string expected)
    {
        var name = new SheetNames().Claim(title);

        name.ShouldBe(expected);
        name.Length.ShouldBeLessThanOrEqualTo(SheetNames.MaxLength);
    }

    [Fact]
    public void Claim_NumbersNamesThatClashIgnoringCase()
    {
        var names = new SheetNames();

        names.Claim("Data").ShouldBe("Data");
        names.Claim("DATA").ShouldBe("DATA (2)");
        names.Claim("data").ShouldBe("data (3)");
        names.Claim(new string('x', 40)).ShouldBe(new string('x', 31));
        names.Claim(new string('x', 40)).ShouldBe(new string('x', 27) + " (2)");
    }
}
