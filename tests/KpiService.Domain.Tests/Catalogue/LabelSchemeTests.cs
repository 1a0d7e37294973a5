using KpiService.Domain.Catalogue;
using static KpiService.Domain.Tests.Catalogue.CatalogueFixtures;

namespace KpiService.Domain.Tests.Catalogue;

public sealed class LabelSchemeTests
{
    [Fact]
    public void SloughLabelsAmberYellow_TheOtherStatusesKeepTheDefault()
    {
        var state = Apply(AuthorityCatalogue.Empty(Slough), new SetLabelScheme(new Dictionary<RagStatus, StatusLabel>
        {
            [RagStatus.Amber] = new(" Yellow ", "#FFDD00"),
            [RagStatus.Unrated] = new("Grey", "#b1b4b6"),
        }));

        var labels = AuthorityView.Of(National.Values, state).Labels;
        labels.For(RagStatus.Amber).ShouldBe(new StatusLabel("Yellow", "#ffdd00"));
        labels.For(RagStatus.Unrated).Name.ShouldBe("Grey");
        labels.For(RagStatus.Red).ShouldBe(LabelScheme.Default.For(RagStatus.Red));
        AuthorityView.Of(National.Values, AuthorityCatalogue.Empty(Gloucestershire)).Labels.For(RagStatus.Amber).Name.ShouldBe("Amber");
    }

    [Theory]
    [InlineData("", "#ffdd00", "labels.amber.name")]
    [InlineData("A very long name for amber status", "#ffdd00", "labels.amber.name")]
    [InlineData("Yellow\u001b[5m", "#ffdd00", "labels.amber.name")]
    [InlineData("<span>Yellow</span>", "#ffdd00", "labels.amber.name")]
    [InlineData("Yellow", "yellow", "labels.amber.colour")]
    [InlineData("Yellow", "#ffdd0", "labels.amber.colour")]
    [InlineData("Yellow", "#ffdd00;", "labels.amber.colour")]
    [InlineData("Red", "#ffdd00", "labels")]
    [InlineData("green", "#ffdd00", "labels")]
    public void InvalidLabel_IsRefusedNamingTheField(string name, string colour, string field) =>
        Problems(AuthorityCatalogue.Empty(Slough), new SetLabelScheme(new Dictionary<RagStatus, StatusLabel> { [RagStatus.Amber] = new(name, colour) }))
            .Select(p => p.Field).ShouldContain(field);

    [Fact]
    public void SameSchemeAgain_IsANoOp()
    {
        var scheme = new Dictionary<RagStatus, StatusLabel> { [RagStatus.Amber] = new("Yellow", "#ffdd00") };
        var state = Apply(AuthorityCatalogue.Empty(Slough), new SetLabelScheme(scheme));
        CatalogueDecider.Decide(state, new SetLabelScheme(scheme), Facts()).ShouldBe(Decision<CatalogueEvent>.Nothing);
    }
}
