using KpiService.Domain.Catalogue;
using static KpiService.Domain.Tests.Catalogue.CatalogueFixtures;

namespace KpiService.Domain.Tests.Catalogue;

public sealed class LocalMeasureTests
{
    [Fact]
    public void CouncilDefinesALocalMeasure_ItIsNamespacedAndInItsViewOnly()
    {
        var gloucestershire = Apply(AuthorityCatalogue.Empty(Gloucestershire), new DefineLocalMeasure(Sdq()));

        var view = AuthorityView.Of(National.Values, gloucestershire);
        var sdq = view.Find("cic-sdq-up-to-date").ShouldNotBeNull();
        sdq.Id.ShouldBe("916.cic-sdq-up-to-date");
        view.Find("916.cic-sdq-up-to-date").ShouldBe(sdq);
        view.Find("GL 206").ShouldBe(sdq);
        view.Measures.Select(m => m.Id).ShouldBe(["re-referrals", "children-entering-care", "cic-long-term-stability", "916.cic-sdq-up-to-date"]);

        var darlington = AuthorityView.Of(National.Values, AuthorityCatalogue.Empty(Darlington));
        darlington.Find("916.cic-sdq-up-to-date").ShouldBeNull();
        darlington.Find("cic-sdq-up-to-date").ShouldBeNull();
        darlington.Find("GL 206").ShouldBeNull();
    }

    [Fact]
    public void LocalIndicatorWithItsOwnCodeAndBands_IsRatedLikeANationalOne()
    {
        var state = Apply(AuthorityCatalogue.Empty(Gloucestershire), new DefineLocalMeasure(Sdq() with { PerformanceGroups = [new(1, 85), new(2, 75), new(3, null)] }));
        var sdq = AuthorityView.Of(National.Values, state).Find("GL 206")!;
        var series = new Dictionary<Period, MeasureValue>
        {
            [Period.Month(2021, 8)] = new(76.0, 304, 400),
            [Period.Month(2021, 9)] = new(78.5, 314, 400),
        };

        var rating = RatingEngine.Rate(new RatingInput(sdq, Period.Month(2021, 9), series, new TargetRule(Period.Month(2021, 4), 80, 5))).ShouldNotBeNull();

        // Its own bands put 78.5 % in group 2; the default 90/80 levels would say 3.
        (rating.Status, rating.PerformanceGroup, rating.Direction, rating.Judgement).ShouldBe((RagStatus.Amber, 2, Direction.Up, Judgement.Improving));
        PerformanceGroups.Of(sdq with { PerformanceGroups = null }, 78.5).ShouldBe(3);
        rating.DistanceFromTarget!.Value.ShouldBe(-1.5, 1e-9);
    }

    [Fact]
    public void TwoCouncilsChooseTheSameSlug_TheirMeasuresStayApart()
    {
        var gloucestershire = Apply(AuthorityCatalogue.Empty(Gloucestershire), new DefineLocalMeasure(Sdq()));
        var darlington = Apply(AuthorityCatalogue.Empty(Darlington), new DefineLocalMeasure(Sdq() with { Code = "CSC 300", Title = "SDQ completed" }));

        AuthorityView.Of(National.Values, gloucestershire).Find("cic-sdq-up-to-date")!.Title.ShouldBe("% of children in care with an up-to-date SDQ");
        AuthorityView.Of(National.Values, darlington).Find("cic-sdq-up-to-date")!.Id.ShouldBe("841.cic-sdq-up-to-date");
        AuthorityView.Of(National.Values, darlington).Find("cic-sdq-up-to-date")!.Title.ShouldBe("SDQ completed");
    }

    [Fact]
    public void AnotherCouncil_CannotDefineOrBandOrRenameIt()
    {
        var darlington = AuthorityCatalogue.Empty(Darlington);
        Problems(darlington, new DefineLocalMeasure(Sdq("916.cic-sdq-up-to-date"))).ShouldContain(p => p.Field == "id" && p.Message.Contains("authority 916"));
        Problems(darlington, new SetPerformanceGroups("916.cic-sdq-up-to-date", [new(1, 90), new(2, null)])).Single().Field.ShouldBe("measure");
        Problems(darlington, new SetLocalName("916.cic-sdq-up-to-date", "X", null)).Single().Field.ShouldBe("measure");
    }

    public static TheoryData<string, Func<Measure, Measure>, string> Invalid => new()
    {
        { "a slug with spaces", m => m with { Id = "CIC SDQ" }, "id" },
        { "a national id", m => m with { Id = "re-referrals" }, "id" },
        { "an empty title", m => m with { Title = " " }, "title" },
        { "markup in the title", m => m with { Title = "<b>SDQ</b>" }, "title" },
        { "a terminal escape in the area", m => m with { Area = "Health\u001b[31m" }, "area" },
        { "seven decimal places", m => m with { DecimalPlaces = 7 }, "decimalPlaces" },
        { "a count aggregated as a ratio", m => m with { Unit = Unit.Count, Aggregation = Aggregation.Ratio }, "aggregation" },
        { "a national code", m => m with { Code = "ReReferral" }, "code" },
        { "a LAIT code of a national measure", m => m with { Code = "lacnum_start" }, "code" },
        { "a LAIT code of its own", m => m with { LaitCode = "LACnum_Start" }, "laitCode" },
        { "bands against the polarity", m => m with { PerformanceGroups = [new(1, 80), new(2, 90), new(3, null)] }, "performanceGroups[1]" },
        { "a negative flat threshold", m => m with { FlatThreshold = -1 }, "flatThreshold" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidDefinition_IsRefusedNamingTheField(string scenario, Func<Measure, Measure> change, string field)
    {
        Problems(AuthorityCatalogue.Empty(Gloucestershire), new DefineLocalMeasure(change(Sdq()))).Select(p => p.Field).ShouldContain(field, scenario);
    }

    [Fact]
    public void SameDefinitionAgain_IsANoOp_AndAChangedOneIsARevision()
    {
        var state = Apply(AuthorityCatalogue.Empty(Gloucestershire), new DefineLocalMeasure(Sdq() with { PerformanceGroups = [new(1, 90), new(2, 80), new(3, null)] }));
        CatalogueDecider.Decide(state, new DefineLocalMeasure(Sdq() with { PerformanceGroups = [new(1, 90), new(2, 80), new(3, null)] }), Facts())
            .ShouldBe(Decision<CatalogueEvent>.Nothing);
        var revised = Apply(state, new DefineLocalMeasure(Sdq() with { Title = "SDQ up to date (%)" }));
        revised.Version.ShouldBe(2);
        revised.LocalMeasures["916.cic-sdq-up-to-date"].Title.ShouldBe("SDQ up to date (%)");
    }

    [Theory]
    [InlineData(true, Unit.Count, "unit")]
    [InlineData(false, Unit.Count, null)]
    [InlineData(true, Unit.Percentage, null)]
    public void UnitChange_IsRefusedOnlyOnceFiguresExist(bool hasFigures, Unit newUnit, string? problemField)
    {
        var state = Apply(AuthorityCatalogue.Empty(Gloucestershire), new DefineLocalMeasure(Sdq()));
        var facts = hasFigures ? Facts("916.cic-sdq-up-to-date") : Facts();
        var decision = CatalogueDecider.Decide(state, new DefineLocalMeasure(Sdq() with { Unit = newUnit, Title = "Renamed" }), facts);
        if (problemField is null) decision.ShouldBeOfType<Decision<CatalogueEvent>.Accepted>().Events.ShouldHaveSingleItem();
        else decision.ShouldBeOfType<Decision<CatalogueEvent>.Rejected>().Problems.Single().Field.ShouldBe(problemField);
    }

    [Fact]
    public void DefinitionLeftBlank_TakesTheTitle()
    {
        var state = Apply(AuthorityCatalogue.Empty(Gloucestershire), new DefineLocalMeasure(Sdq() with { Definition = "  " }));
        state.LocalMeasures["916.cic-sdq-up-to-date"].Definition.ShouldBe("% of children in care with an up-to-date SDQ");
    }
}
