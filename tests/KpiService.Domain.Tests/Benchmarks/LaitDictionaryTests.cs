using KpiService.Domain.Benchmarks;
using KpiService.Domain.Tests.Catalogue;

namespace KpiService.Domain.Tests.Benchmarks;

/// <summary>Deriving measures from LAIT's dictionary, entry by entry, as docs/catalogue.md describes.</summary>
public sealed class LaitDictionaryTests
{
    private static readonly Dictionary<string, LaitDictionaryEntry> Dictionary = ShippedCatalogue.LaitDictionary.ToDictionary(e => e.Code);

    [Theory]
    [InlineData("High", Polarity.Higher)]
    [InlineData("Low", Polarity.Lower)]
    [InlineData("-", Polarity.Neutral)]
    [InlineData("NA", Polarity.Neutral)]
    [InlineData("", Polarity.Neutral)]
    [InlineData("Up", null)]
    public void PolarityWords_AreRead(string word, Polarity? expected) => LaitDictionary.PolarityOf(word).ShouldBe(expected);

    [Theory]
    // code → unit, polarity, decimal places, aggregation, area, year type
    [InlineData("ReReferral", Unit.Percentage, Polarity.Lower, 1, Aggregation.Ratio, "Front door", PublishedYearType.FinancialYear)]
    [InlineData("CPP_Total_NumRef", Unit.Count, Polarity.Neutral, 0, Aggregation.Flow, "Front door", PublishedYearType.FinancialYear)]
    [InlineData("Section_47", Unit.RatePer10k, Polarity.Neutral, 1, Aggregation.Flow, "Child protection", PublishedYearType.FinancialYear)]
    [InlineData("CPP_rate", Unit.RatePer10k, Polarity.Neutral, 1, Aggregation.Snapshot, "Child protection", PublishedYearType.EndOfMarch)]
    [InlineData("CPP_Abuse", Unit.Count, Polarity.Neutral, 0, Aggregation.Flow, "Child protection", PublishedYearType.FinancialYear)]
    [InlineData("CPP_31March_3MnthorMore", Unit.Count, Polarity.Neutral, 0, Aggregation.Snapshot, "Child protection", PublishedYearType.FinancialYear)]
    [InlineData("Work_Force_Vac_Rate", Unit.Percentage, Polarity.Lower, 1, Aggregation.Snapshot, "Workforce", PublishedYearType.EndOfSeptember)]
    [InlineData("Work_Force_TO_Rate", Unit.Percentage, Polarity.Lower, 1, Aggregation.Ratio, "Workforce", PublishedYearType.EndOfSeptember)]
    [InlineData("Work_Force_SWAbsence", Unit.Percentage, Polarity.Lower, 1, Aggregation.Ratio, "Workforce", PublishedYearType.EndOfSeptember)]
    [InlineData("Social_Work_Starters", Unit.Count, Polarity.Neutral, 1, Aggregation.Flow, "Workforce", PublishedYearType.EndOfSeptember)]
    [InlineData("Work_Force_AvgNumCase_SW", Unit.Average, Polarity.Lower, 1, Aggregation.Snapshot, "Workforce", PublishedYearType.EndOfSeptember)]
    [InlineData("LAC_Foster_Placements", Unit.Percentage, Polarity.Higher, 1, Aggregation.Snapshot, "Children in care", PublishedYearType.FinancialYear)]
    [InlineData("LAC_KS2_AVG_Prog8_R", Unit.Average, Polarity.Higher, 2, Aggregation.Ratio, "Education", PublishedYearType.AcademicYear)]
    [InlineData("CINPermExclusion", Unit.Percentage, Polarity.Lower, 2, Aggregation.Ratio, "Education", PublishedYearType.AcademicYear)]
    [InlineData("CareLeaverEETNum", Unit.Count, Polarity.Neutral, 0, Aggregation.Flow, "Care leavers", PublishedYearType.FinancialYear)]
    [InlineData("LAC_ceased_SGO%", Unit.Percentage, Polarity.Neutral, 1, Aggregation.Ratio, "Permanence", PublishedYearType.FinancialYear)]
    [InlineData("Unacc_Asylmn_Seek_Childn%", Unit.Percentage, Polarity.Neutral, 1, Aggregation.Ratio, "Children in care", PublishedYearType.FinancialYear)]
    [InlineData("Emotional_LAC", Unit.Average, Polarity.Lower, 1, Aggregation.Ratio, "Children in care", PublishedYearType.FinancialYear)]
    public void Entry_DerivesItsMeasure(string code, Unit unit, Polarity polarity, int decimals, Aggregation aggregation, string area, PublishedYearType yearType)
    {
        var derived = LaitMeasureDerivation.Derive(Dictionary[code]);
        (derived.Unit, derived.Polarity, derived.DecimalPlaces, derived.Aggregation, derived.Area, derived.YearType)
            .ShouldBe((unit, polarity, decimals, aggregation, area, yearType));
    }

    [Fact]
    public void Dictionary_HasTheCodesTheDownloadUses_AndNoUnknownWords()
    {
        ShippedCatalogue.LaitDictionary.Select(e => e.Code).Distinct().Count().ShouldBe(156);
        ShippedCatalogue.LaitDictionary.Where(e => PublishedPeriodLabels.LaitYearType(e.YearType) is null || LaitDictionary.PolarityOf(e.Polarity) is null)
            .Select(e => e.Code).ShouldBeEmpty();
    }
}
