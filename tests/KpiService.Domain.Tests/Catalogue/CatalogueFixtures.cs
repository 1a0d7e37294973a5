using KpiService.Domain.Catalogue;

namespace KpiService.Domain.Tests.Catalogue;

/// <summary>A small national catalogue and the authorities of the seed reports.</summary>
public static class CatalogueFixtures
{
    public const int Gloucestershire = 916, Darlington = 841, Slough = 871;

    public static readonly Measure ReReferrals = new("re-referrals", "ReReferral", "Re-referrals within 12 months (%)", "", "Front door",
        Unit.Percentage, Polarity.Lower, 1, Aggregation.Ratio, LaitCode: "ReReferral", PublishedYearType: PublishedYearType.FinancialYear);

    public static readonly Measure EnteringCare = new("children-entering-care", null, "Children entering care", "", "Children in care",
        Unit.Count, Polarity.Neutral, 0, Aggregation.Flow, LaitCode: "LACnum_Start");

    public static readonly Measure LongTermStability = new("cic-long-term-stability", null,
        "Children under 16 in care 2.5+ years in the same placement for 2+ years (%)", "", "Children in care", Unit.Percentage, Polarity.Higher, 1, Aggregation.Snapshot);

    public static readonly IReadOnlyDictionary<string, Measure> National =
        new[] { ReReferrals, EnteringCare, LongTermStability }.ToDictionary(m => m.Id);

    /// <summary>Gloucestershire's "% of children in care with an up-to-date SDQ" (seeds/000 line 206), which no national list has.</summary>
    public static Measure Sdq(string id = "cic-sdq-up-to-date") => new(id, "GL 206", "% of children in care with an up-to-date SDQ",
        "Children in care 4–16 with a strengths and difficulties questionnaire in the last 12 months.", "Health and wellbeing",
        Unit.Percentage, Polarity.Higher, 1, Aggregation.Snapshot);

    public static CatalogueFacts Facts(params string[] measuresWithFigures) => new(National, measuresWithFigures.ToHashSet());

    public static AuthorityCatalogue Apply(AuthorityCatalogue state, CatalogueCommand command, CatalogueFacts? facts = null)
    {
        var accepted = CatalogueDecider.Decide(state, command, facts ?? Facts()).ShouldBeOfType<Decision<CatalogueEvent>.Accepted>();
        return accepted.Events.Aggregate(state, AuthorityCatalogue.Evolve);
    }

    public static IReadOnlyList<KpiService.Domain.Figures.FieldProblem> Problems(AuthorityCatalogue state, CatalogueCommand command, CatalogueFacts? facts = null) =>
        CatalogueDecider.Decide(state, command, facts ?? Facts()).ShouldBeOfType<Decision<CatalogueEvent>.Rejected>().Problems;
}
