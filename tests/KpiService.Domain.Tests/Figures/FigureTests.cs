using KpiService.Domain.Figures;

namespace KpiService.Domain.Tests.Figures;

public sealed class FigureTests
{
    private static readonly FigureKey Key = new(916, "re-referrals", Period.Month(2021, 9));
    private static readonly DateTimeOffset InOctober = new(2021, 10, 8, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset InDecember = new(2021, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FirstSubmission_CreatesThenSameValueIsUnchangedThenDifferentValueRevises()
    {
        var first = Figure.Submit(null, Key, new(21.4, 200, 934), null, InOctober).ShouldBeOfType<FigureDecision.Append>();
        first.Created.ShouldBeTrue();
        var state = Figure.Evolve(null, first.Event, 1, InOctober);

        Figure.Submit(state, Key, new(21.4, 200, 934), null, InOctober).ShouldBeOfType<FigureDecision.Unchanged>();
        var revised = Figure.Submit(state, Key, new(21.6, 202, 934), null, InOctober).ShouldBeOfType<FigureDecision.Append>();
        var revision = revised.Event.ShouldBeOfType<FigureRevised>();
        revision.Revision.ShouldBe(2);
        revision.LateRestatement.ShouldBeFalse();
        var after = Figure.Evolve(state, revised.Event, 2, InOctober.AddHours(1));
        after.FirstValue.ShouldBe(21.4);
        after.FirstReportedAt.ShouldBe(InOctober);
        after.SubmittedAt.ShouldBe(InOctober.AddHours(1));
        after.Version.ShouldBe(2);
    }

    [Fact]
    public void RevisionAfterTheMaturityWindow_IsALateRestatement()
    {
        var state = Figure.Evolve(null, new FigureSubmitted(Key, new(21.4, 200, 934), null), 1, InOctober);
        Figure.MaturityEnds(Key).ShouldBe(new DateOnly(2021, 10, 31));
        var late = Figure.Submit(state, Key, new(22.0, 206, 934), null, InDecember).ShouldBeOfType<FigureDecision.Append>();
        late.Event.ShouldBeOfType<FigureRevised>().LateRestatement.ShouldBeTrue();
    }

    [Fact]
    public void Withdraw_OnlyWhenThereIsAFigure()
    {
        Figure.Withdraw(null, Key, null).ShouldBeOfType<FigureDecision.Unchanged>();
        var state = Figure.Evolve(null, new FigureSubmitted(Key, new(21.4, 200, 934), null), 1, InOctober);
        var withdrawn = Figure.Evolve(state, Figure.Withdraw(state, Key, "wrong cohort").ShouldBeOfType<FigureDecision.Append>().Event, 2, InOctober);
        withdrawn.Current.ShouldBe(state.Current);
        withdrawn.Withdrawn.ShouldBeTrue();
        Figure.Submit(withdrawn, Key, new(21.4, 200, 934), null, InOctober).ShouldBeOfType<FigureDecision.Append>();
    }

    [Fact]
    public void RevisionWithoutASubmission_IsRefused() =>
        Should.Throw<InvalidOperationException>(() => Figure.Evolve(null, new FigureRevised(Key, new(1, null, null), null, 2, false), 2, InOctober));

    [Theory]
    [InlineData(null, 200.0, 934.0, null)]
    [InlineData(21.4, 200.0, 934.0, null)]
    [InlineData(25.0, 200.0, 934.0, "value")]
    [InlineData(null, 950.0, 934.0, "numerator")]
    [InlineData(null, 200.0, null, "denominator")]
    [InlineData(101.0, null, null, "value")]
    [InlineData(double.NaN, null, null, "value")]
    [InlineData(null, 0.0, 0.0, "denominator")]        // no cohort is not 0 %
    [InlineData(null, 200.5, 934.0, "numerator")]      // children come whole
    [InlineData(null, 200.0, 934.25, "denominator")]
    public void Input_ChecksPercentages(double? value, double? numerator, double? denominator, string? problemField)
    {
        var measure = new Measure("re-referrals", null, "Re-referrals", "", "Front door", Unit.Percentage, Polarity.Lower, 1, Aggregation.Ratio);
        var (figure, problems) = FigureInput.Resolve(measure, value, numerator, denominator, null);
        if (problemField is null) { problems.ShouldBeEmpty(); figure!.Value.ShouldBe(200.0 / 934 * 100, 1e-9); }
        else problems.ShouldContain(p => p.Field == problemField);
    }

    [Theory]
    [InlineData(2900.0, null)]
    [InlineData(2900.5, "value")]
    [InlineData(-1.0, "value")]
    public void Input_CountsAreWholeNumbers(double value, string? problemField)
    {
        var measure = new Measure("contacts", null, "Contacts", "", "Front door", Unit.Count, Polarity.Neutral, 0, Aggregation.Flow);
        var (_, problems) = FigureInput.Resolve(measure, value, null, null, null);
        if (problemField is null) problems.ShouldBeEmpty();
        else problems.ShouldContain(p => p.Field == problemField);
    }
}
