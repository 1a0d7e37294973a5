using KpiService.Domain.Benchmarks;

namespace KpiService.Domain.Tests.Benchmarks;

public sealed class PublishedCellTests
{
    [Theory]
    [InlineData("-", "-")]
    [InlineData("c", "c")]
    [InlineData("C", "c")]
    [InlineData("x", "x")]
    [InlineData("z", "z")]
    [InlineData("..", "..")]
    [InlineData(" low ", "low")]
    [InlineData("[c]", "[c]")]
    [InlineData("u", "u")]
    [InlineData(":", ":")]
    [InlineData("n/a", "n/a")]
    public void SuppressionMark_IsKeptAsTheMark(string text, string mark)
    {
        var cell = PublishedCell.Parse(text, out var problem);
        problem.ShouldBeNull();
        cell.ShouldBe(new PublishedCell(null, mark));
    }

    [Theory]
    [InlineData("22.6", 22.6)]
    [InlineData("0", 0.0)]
    [InlineData("-1.31", -1.31)]
    [InlineData("7.0000000000000007E-2", 0.07)]       // LAIT's own export, seen in the real download
    [InlineData("9.3000000000000007", 9.3)]
    [InlineData("632,830", 632830.0)]
    [InlineData(" 36186.3 ", 36186.3)]
    public void Number_IsAValue(string text, double value)
    {
        var cell = PublishedCell.Parse(text, out var problem);
        problem.ShouldBeNull();
        cell!.Value.Value!.Value.ShouldBe(value, 1e-12);
        cell.Value.Mark.ShouldBeNull();
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("12.5%", "% sign")]
    [InlineData("abc", "neither a number nor a suppression mark")]
    [InlineData("1,23", "neither a number")]
    [InlineData("NaN", "neither a number")]
    [InlineData("Infinity", "neither a number")]
    public void AnythingElse_IsAProblem(string text, string expected)
    {
        PublishedCell.Parse(text, out var problem).ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain(expected);
    }
}
