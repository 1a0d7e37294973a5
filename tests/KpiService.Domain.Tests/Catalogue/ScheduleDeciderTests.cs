using KpiService.Domain.Catalogue;
using static KpiService.Domain.Tests.Catalogue.CatalogueFixtures;

namespace KpiService.Domain.Tests.Catalogue;

public sealed class ScheduleDeciderTests
{
    private static readonly AuthorityView Gloucester = AuthorityView.Of(National.Values,
        Apply(AuthorityCatalogue.Empty(Gloucestershire), new DefineLocalMeasure(Sdq())));

    [Fact]
    public void Schedule_AcceptsNationalAndOwnMeasuresByIdSlugOrCode_AndRepeatingItIsANoOp()
    {
        var entries = new ScheduleEntry[]
        {
            new("ReReferral", ReportingFrequency.Monthly, 10, Period.Month(2021, 4)),
            new("cic-sdq-up-to-date", ReportingFrequency.Quarterly, 20),
        };
        var set = ScheduleDecider.Decide(ReportingSchedule.Empty(Gloucestershire), new SetSchedule(entries), Gloucester)
            .ShouldBeOfType<Decision<ScheduleEvent>.Accepted>().Events.Single().ShouldBeOfType<ScheduleSet>();
        set.Entries.Select(e => e.MeasureId).ShouldBe(["re-referrals", "916.cic-sdq-up-to-date"]);

        var state = ReportingSchedule.Evolve(ReportingSchedule.Empty(Gloucestershire), set);
        ScheduleDecider.Decide(state, new SetSchedule(entries), Gloucester).ShouldBe(Decision<ScheduleEvent>.Nothing);
    }

    [Theory]
    [InlineData("841.cic-sdq-up-to-date", ReportingFrequency.Monthly, 10, null, "entries[0].measure")]
    [InlineData("re-referrals", ReportingFrequency.Monthly, 0, null, "entries[0].dueWorkingDay")]
    [InlineData("re-referrals", ReportingFrequency.Monthly, 131, null, "entries[0].dueWorkingDay")]
    [InlineData("re-referrals", ReportingFrequency.Quarterly, 10, "2021-09", "entries[0].from")]
    [InlineData("re-referrals", ReportingFrequency.Annually, 10, "2021-22-Q1", "entries[0].from")]
    [InlineData("re-referrals", (ReportingFrequency)7, 10, null, "entries[0].frequency")]
    public void InvalidEntry_IsRefusedNamingTheField(string measure, ReportingFrequency frequency, int due, string? from, string field) =>
        ScheduleDecider.Decide(ReportingSchedule.Empty(Gloucestershire),
                new SetSchedule([new(measure, frequency, due, from is null ? null : Period.Parse(from))]), Gloucester)
            .ShouldBeOfType<Decision<ScheduleEvent>.Rejected>().Problems.Select(p => p.Field).ShouldContain(field);

    [Fact]
    public void SameMeasureTwice_IsRefused() =>
        ScheduleDecider.Decide(ReportingSchedule.Empty(Gloucestershire),
                new SetSchedule([new("re-referrals", ReportingFrequency.Monthly, 10), new("ReReferral", ReportingFrequency.Quarterly, 10)]), Gloucester)
            .ShouldBeOfType<Decision<ScheduleEvent>.Rejected>().Problems.Single().Field.ShouldBe("entries[1].measure");

    [Theory]
    [InlineData("re-referrals", "2021-09", "2021-11", "Awaiting Health", null)]
    [InlineData("children-entering-care", "2021-09", null, "Awaiting Health", "measure")]
    [InlineData("re-referrals", "2021-22-Q2", null, "Awaiting Health", "from")]
    [InlineData("re-referrals", "2021-09", "2021-08", "Awaiting Health", "through")]
    [InlineData("re-referrals", "2021-09", null, "", "reason")]
    [InlineData("re-referrals", "2021-09", null, "<b>Awaiting</b> Health", "reason")]
    public void Mark_NeedsAScheduledMeasurePeriodsOfItsFrequencyAndAPlainReason(string measure, string from, string? through, string reason, string? field)
    {
        var state = ReportingSchedule.Evolve(ReportingSchedule.Empty(Gloucestershire),
            new ScheduleSet(Gloucestershire, [new("re-referrals", ReportingFrequency.Monthly, 10)]));
        var mark = new PeriodMark(measure, Period.Parse(from), through is null ? null : Period.Parse(through), MarkKind.AwaitingPartner, reason);
        var decision = ScheduleDecider.Decide(state, new MarkPeriods(mark), Gloucester);
        if (field is null) decision.ShouldBeOfType<Decision<ScheduleEvent>.Accepted>().Events.Single().ShouldBeOfType<PeriodsMarked>();
        else decision.ShouldBeOfType<Decision<ScheduleEvent>.Rejected>().Problems.Select(p => p.Field).ShouldContain(field);
    }

    [Fact]
    public void ClearingAMark_RemovesItAndClearingAgainIsANoOp()
    {
        var state = new ScheduleEvent[]
        {
            new ScheduleSet(Gloucestershire, [new("re-referrals", ReportingFrequency.Monthly, 10)]),
            new PeriodsMarked(Gloucestershire, new("re-referrals", Period.Month(2021, 9), null, MarkKind.AwaitingPartner, "Awaiting Health")),
        }.Aggregate(ReportingSchedule.Empty(Gloucestershire), ReportingSchedule.Evolve);
        var cleared = ScheduleDecider.Decide(state, new ClearPeriodMark("re-referrals", Period.Month(2021, 9)), Gloucester)
            .ShouldBeOfType<Decision<ScheduleEvent>.Accepted>().Events.Aggregate(state, ReportingSchedule.Evolve);
        cleared.Marks.ShouldBeEmpty();
        ScheduleDecider.Decide(cleared, new ClearPeriodMark("re-referrals", Period.Month(2021, 9)), Gloucester).ShouldBe(Decision<ScheduleEvent>.Nothing);
    }
}
