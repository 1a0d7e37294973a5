using KpiService.Domain.Catalogue;
using static KpiService.Domain.Tests.Catalogue.CatalogueFixtures;

namespace KpiService.Domain.Tests.Catalogue;

public sealed class LocalNameTests
{
    [Fact]
    public void DarlingtonNumbersANationalMeasure_OnlyItsViewChanges()
    {
        // seeds/002 line 460: "CSC 209 Monthly number of new cases of children coming into care".
        var darlington = Apply(AuthorityCatalogue.Empty(Darlington),
            new SetLocalName("children-entering-care", "CSC 209", "Monthly number of new cases of children coming into care"));

        var view = AuthorityView.Of(National.Values, darlington);
        var measure = view.Find("CSC 209").ShouldNotBeNull();
        measure.Id.ShouldBe("children-entering-care");
        measure.Title.ShouldBe("Monthly number of new cases of children coming into care");
        view.Find("LACnum_Start").ShouldBe(measure);

        var gloucestershire = AuthorityView.Of(National.Values, AuthorityCatalogue.Empty(Gloucestershire));
        gloucestershire.Find("CSC 209").ShouldBeNull();
        gloucestershire.Find("children-entering-care")!.Title.ShouldBe("Children entering care");
    }

    [Fact]
    public void BlankCodeAndTitle_ClearTheLocalName()
    {
        var named = Apply(AuthorityCatalogue.Empty(Darlington), new SetLocalName("children-entering-care", "CSC 209", null));
        var cleared = Apply(named, new SetLocalName("children-entering-care", " ", ""));
        cleared.LocalNames.ShouldBeEmpty();
        AuthorityView.Of(National.Values, cleared).Find("children-entering-care")!.Code.ShouldBeNull();
        CatalogueDecider.Decide(cleared, new SetLocalName("children-entering-care", null, null), Facts()).ShouldBe(Decision<CatalogueEvent>.Nothing);
    }

    [Theory]
    [InlineData("no-such-measure", "CSC 1", null, "measure")]
    [InlineData("children-entering-care", "ReReferral", null, "code")]
    [InlineData("children-entering-care", "CSC 209", "Children <i>entering</i> care", "title")]
    [InlineData("children-entering-care", "CSC\n209", null, "code")]
    public void InvalidLocalName_IsRefusedNamingTheField(string measure, string? code, string? title, string field) =>
        Problems(AuthorityCatalogue.Empty(Darlington), new SetLocalName(measure, code, title)).Select(p => p.Field).ShouldContain(field);

    [Fact]
    public void OwnLocalMeasure_IsRenamedByRedefiningIt()
    {
        var state = Apply(AuthorityCatalogue.Empty(Gloucestershire), new DefineLocalMeasure(Sdq()));
        Problems(state, new SetLocalName("cic-sdq-up-to-date", "X", null)).Single().Message.ShouldContain("own measure");
    }
}
