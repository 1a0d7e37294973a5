using KpiService.Domain.Catalogue;
using static KpiService.Domain.Tests.Catalogue.CatalogueFixtures;

namespace KpiService.Domain.Tests.Catalogue;

/// <summary>Due dates and data states, counted with the shipped England and Wales bank holidays.</summary>
public sealed class DataStateTests
{
    private static readonly WorkingDays WorkingDays = RepositoryFiles.WorkingDays;
    private static readonly HashSet<ReceivedFigure> NothingReceived = [];

    private static ReportingSchedule Schedule(int laNumber, params ScheduleEntry[] entries) =>
        ReportingSchedule.Evolve(ReportingSchedule.Empty(laNumber), new ScheduleSet(laNumber, entries));

    [Theory]
    [InlineData("2021-09", 10, "2021-10-14")]     // Gloucestershire's September pack: ten working days into October
    [InlineData("2021-11", 20, "2021-12-30")]     // skips the Christmas and Boxing Day substitutes, 27 and 28 December 2021
    [InlineData("2021-12", 1, "2022-01-04")]      // 31 December is a Friday; 3 January 2022 is New Year's substitute day
    [InlineData("2022-08", 12, "2022-09-16")]
    [InlineData("2022-08", 13, "2022-09-20")]     // 29 August and the one-off 19 September 2022 (the Queen's funeral) are holidays
    [InlineData("2021-22-Q3", 5, "2022-01-10")]
    [InlineData("2021-22", 3, "2022-04-05")]
    public void DueDate_IsTheNthWorkingDayAfterThePeriodEnds(string period, int dueWorkingDay, string expected) =>
        DataStates.DueDate(Period.Parse(period), dueWorkingDay, WorkingDays).ShouldBe(DateOnly.Parse(expected));

    [Theory]
    [InlineData("2021-12-24", DataState.Due)]
    [InlineData("2021-12-29", DataState.Due)]
    [InlineData("2021-12-30", DataState.Due)]      // the due day itself
    [InlineData("2021-12-31", DataState.Overdue)]
    public void MissingNovemberFigureAroundChristmas2021_IsDueThenOverdue(string today, DataState expected)
    {
        var schedule = Schedule(Gloucestershire, new ScheduleEntry("re-referrals", ReportingFrequency.Monthly, 20));
        var item = DataStates.For(schedule, Period.Month(2021, 11), DateOnly.Parse(today), NothingReceived, WorkingDays).ShouldHaveSingleItem();
        (item.State, item.DueDate).ShouldBe((expected, new DateOnly(2021, 12, 30)));
    }

    [Theory]
    [InlineData("2022-09-16", DataState.Due)]
    [InlineData("2022-09-19", DataState.Due)]      // the funeral bank holiday: a Monday-to-Friday count would call it the due day
    [InlineData("2022-09-20", DataState.Due)]      // ...and this overdue; it is the due day
    [InlineData("2022-09-21", DataState.Overdue)]
    public void MissingAugust2022Figure_CountsTheFuneralBankHoliday(string today, DataState expected) =>
        DataStates.For(Schedule(Darlington, new ScheduleEntry("children-entering-care", ReportingFrequency.Monthly, 13)),
            Period.Month(2022, 8), DateOnly.Parse(today), NothingReceived, WorkingDays).Single().State.ShouldBe(expected);

    [Fact]
    public void ReceivedFigure_IsReceivedEvenWhenLateOrMarked()
    {
        var schedule = ReportingSchedule.Evolve(Schedule(Gloucestershire, new ScheduleEntry("re-referrals", ReportingFrequency.Monthly, 10)),
            new PeriodsMarked(Gloucestershire, new PeriodMark("re-referrals", Period.Month(2021, 9), null, MarkKind.AwaitingPartner, "Awaiting Health")));
        var received = new HashSet<ReceivedFigure> { new(Gloucestershire, "re-referrals", Period.Month(2021, 9)) };
        DataStates.For(schedule, Period.Month(2021, 9), new DateOnly(2022, 1, 1), received, WorkingDays).Single().State.ShouldBe(DataState.Received);
    }

    [Theory]
    [InlineData("2021-01", DataState.NotApplicable, "Schools closed")]
    [InlineData("2021-03", DataState.NotApplicable, "Schools closed")]
    [InlineData("2021-04", DataState.Overdue, null)]
    [InlineData("2021-06", DataState.AwaitingPartner, "Awaiting Health")]
    [InlineData("2021-09", DataState.DefinitionChanged, "New DfE definition from September")]
    [InlineData("2022-02", DataState.DefinitionChanged, "New DfE definition from September")]
    public void MarkedPeriods_SayWhyTheFigureIsAbsent(string period, DataState expected, string? reason)
    {
        // seeds/000 lines 233–237 print "Schools closed" for education measures through lockdown.
        var schedule = new[]
        {
            new PeriodMark("re-referrals", Period.Month(2021, 1), Period.Month(2021, 3), MarkKind.NotApplicable, "Schools closed"),
            new PeriodMark("re-referrals", Period.Month(2021, 6), Period.Month(2021, 6), MarkKind.AwaitingPartner, "Awaiting Health"),
            new PeriodMark("re-referrals", Period.Month(2021, 9), null, MarkKind.DefinitionChanged, "New DfE definition from September"),
        }.Aggregate(Schedule(Gloucestershire, new ScheduleEntry("re-referrals", ReportingFrequency.Monthly, 10)),
            (state, mark) => ReportingSchedule.Evolve(state, new PeriodsMarked(Gloucestershire, mark)));

        var item = DataStates.For(schedule, Period.Parse(period), new DateOnly(2022, 6, 1), NothingReceived, WorkingDays).Single();
        (item.State, item.Reason).ShouldBe((expected, reason));
    }

    [Theory]
    [InlineData("2021-08", new string[] { "monthly" })]
    [InlineData("2021-09", new[] { "monthly", "quarterly" })]
    [InlineData("2022-03", new[] { "monthly", "quarterly", "annual" })]
    [InlineData("2021-22-Q2", new[] { "quarterly" })]
    [InlineData("2021-22-Q4", new[] { "quarterly", "annual" })]
    [InlineData("2021-22", new[] { "annual" })]
    [InlineData("2020-12", new string[0])]
    public void ScorecardPeriod_ExpectsTheMeasuresWhosePeriodEndsInIt(string period, string[] expected)
    {
        var from = Period.Month(2021, 4);
        var schedule = Schedule(Darlington,
            new ScheduleEntry("monthly", ReportingFrequency.Monthly, 10, from),
            new ScheduleEntry("quarterly", ReportingFrequency.Quarterly, 15, from.FinancialQuarter),
            new ScheduleEntry("annual", ReportingFrequency.Annually, 40, from.FinancialYear));
        DataStates.For(schedule, Period.Parse(period), new DateOnly(2022, 6, 1), NothingReceived, WorkingDays)
            .Select(e => e.MeasureId).ShouldBe(expected);
    }

    [Fact]
    public void OverdueAcrossAuthorities_ListsOnlyMissingUnmarkedFiguresPastTheirDueDay_OldestFirst()
    {
        var gloucestershire = ReportingSchedule.Evolve(Schedule(Gloucestershire, new ScheduleEntry("re-referrals", ReportingFrequency.Monthly, 10)),
            new PeriodsMarked(Gloucestershire, new PeriodMark("re-referrals", Period.Month(2021, 10), null, MarkKind.AwaitingPartner, "Awaiting Health")));
        var darlington = Schedule(Darlington,
            new ScheduleEntry("children-entering-care", ReportingFrequency.Monthly, 5),
            new ScheduleEntry("re-referrals", ReportingFrequency.Quarterly, 20));
        var received = new HashSet<ReceivedFigure> { new(Darlington, "children-entering-care", Period.Month(2021, 9)) };

        var overdue = DataStates.Overdue([gloucestershire, darlington], new DateOnly(2021, 8, 1), new DateOnly(2021, 11, 15), received, WorkingDays);

        overdue.Select(o => $"{o.LaNumber} {o.MeasureId} {o.Period} {o.DueDate:yyyy-MM-dd}").ShouldBe(
        [
            "841 children-entering-care 2021-08 2021-09-07",
            "916 re-referrals 2021-08 2021-09-14",
            "916 re-referrals 2021-09 2021-10-14",
            "841 re-referrals 2021-22-Q2 2021-10-28",
            "841 children-entering-care 2021-10 2021-11-05",
        ]);
        overdue.ShouldAllBe(o => o.State == DataState.Overdue);
    }
}
