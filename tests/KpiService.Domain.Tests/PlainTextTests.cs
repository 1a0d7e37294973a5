
namespace KpiService.Domain.Tests;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("Timeliness in Cotswolds fell to 61 %", false, null)]
    [InlineData("Re-referrals < 20 % and caseloads <= 18: R&D in Q2", false, null)]
    [InlineData("Two lines\nof commentary\tindented", true, null)]
    [InlineData("Two lines\nof commentary", false, "line break")]
    [InlineData("Ünïcödé, emoji 👍 and Welsh ŵ", false, null)]
    [InlineData("nul\0byte", true, "NUL")]
    [InlineData("red \u001b[31mtext", true, "terminal escape")]
    [InlineData("c1 \u009b31m csi", true, "terminal escape")]
    [InlineData("bell \u0007", true, "U+0007")]
    [InlineData("delete \u007f", true, "U+007F")]
    [InlineData("trojan \u202e source", true, "bidirectional")]
    [InlineData("<p>21 children came into care</p>", true, "markup")]
    [InlineData("see <a href=x>here</a>", true, "markup")]
    [InlineData("a comment <!-- x -->", true, "markup")]
    [InlineData("closing </div> only", true, "markup")]
    [InlineData("an entity &amp; more", true, "character reference")]
    [InlineData("numeric &#60;script", true, "character reference")]
    [InlineData("   ", true, "required")]
    public void Problem_NamesWhatIsWrong(string text, bool multiline, string? expected)
    {
        var problem = PlainText.Problem(text, 200, multiline);
        if (expected is null) problem.ShouldBeNull();
        else problem.ShouldNotBeNull().ShouldContain(expected);
    }

    [Fact]
    public void UnpairedSurrogate_IsRefused() =>
        PlainText.Problem("half \ud83d pair", 100).ShouldNotBeNull().ShouldContain("unpaired surrogate");

    [Theory]
    [InlineData(10, null)]
    [InlineData(11, "11 characters")]
    public void Length_IsLimited(int length, string? expected)
    {
        var problem = PlainText.Problem(new string('x', length), 10);
        if (expected is null) problem.ShouldBeNull();
        else problem.ShouldNotBeNull().ShouldContain(expected);
    }
}
