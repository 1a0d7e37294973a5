using KpiService.Domain.Benchmarks;

namespace KpiService.Domain.Tests.Benchmarks;

public static class BenchmarkFixtures
{
    private static Measure Lait(string id, string code, Unit unit, Polarity polarity, PublishedYearType yearType) =>
        new(id, code, id, "", "Test", unit, polarity, 1, Aggregation.Ratio, LaitCode: code, PublishedYearType: yearType);

    public static readonly Measure[] Measures =
    [
        Lait("re-referrals", "ReReferral", Unit.Percentage, Polarity.Lower, PublishedYearType.FinancialYear),
        Lait("children-in-care-rate", "LAC", Unit.RatePer10k, Polarity.Neutral, PublishedYearType.EndOfMarch),
        Lait("social-worker-vacancies", "Work_Force_Vac_Rate", Unit.Percentage, Polarity.Lower, PublishedYearType.EndOfSeptember),
        Lait("cla-ks4-attainment-8", "LAC_KS4_AVG_Attain8", Unit.Average, Polarity.Higher, PublishedYearType.AcademicYear),
        Lait("care-applications-rate", "CareApplications", Unit.RatePer10k, Polarity.Neutral, PublishedYearType.FinancialYear),
        Lait("youth-offending-rate", "YOT_Rate", Unit.RatePer100k, Polarity.Lower, PublishedYearType.CalendarYear),
        new("contacts", null, "Contacts received", "", "Front door", Unit.Count, Polarity.Neutral, 0, Aggregation.Flow),
    ];

    public static readonly (int, string?)[] Authorities =
    [
        (916, "E10000013"), (841, "E06000005"), (835, null), (836, null), (838, "E06000059"), (928, null), (940, "E06000061"), (909, null), (942, "E06000063"),
    ];

    public static readonly BenchmarkContext Context = BenchmarkContext.From(Measures, Authorities);

    public static (BenchmarkFormat? Format, List<BenchmarkLine> Lines) Read(string csv, BenchmarkContext? context = null)
    {
        var file = BenchmarkFile.Open(new StringReader(csv), context ?? Context);
        return (file.Format, file.Lines().ToList());
    }

    public static PublishedFigure Figure(this List<BenchmarkLine> lines, int row) => lines.OfType<PublishedFigure>().Single(f => f.Row == row);
}
