using System.Text.RegularExpressions;
using KpiService.Domain.Benchmarks;
using KpiService.Domain.Catalogue;

namespace KpiService.Domain.Tests.Catalogue;

/// <summary>src/KpiService/ReferenceData/measures.json against LAIT's dictionary and the catalogue's own rules.</summary>
public sealed class ShippedCatalogueTests
{
    private static readonly IReadOnlyList<Measure> Measures = ShippedCatalogue.Measures;

    /// <summary>
    /// Measures the catalogue held before LAIT's whole dictionary was added: their ids, decimal places, aggregation
    /// and area were chosen for monthly reporting and stay; only their unit and polarity must agree with LAIT's.
    /// </summary>
    private static readonly HashSet<string> CuratedBeforeLait =
    [
        "re-referrals", "referrals-rate", "assessments-within-45-wd", "section-47-rate", "icpc-within-15-wd", "repeat-cp-plans",
        "cp-plans-2-years-or-more", "cp-plans-rate", "cp-plans", "children-in-need-rate", "children-in-care-rate", "children-in-care",
        "three-or-more-placements", "care-leavers-suitable-accommodation", "care-leavers-eet", "agency-social-workers", "social-worker-caseload",
        "referrals", "children-entering-care", "children-ceasing-care", "cic-health-assessments", "cic-dental-checks",
        "cic-out-of-area-20-miles", "cic-long-term-stability", "care-leavers-higher-education",
    ];

    [Fact]
    public void EveryLaitChildrensSocialCareMeasure_IsInTheCatalogueExactlyOnce()
    {
        ShippedCatalogue.LaitDictionary.Count.ShouldBe(156);
        var byLaitCode = Measures.Where(m => m.LaitCode is not null).GroupBy(m => m.LaitCode!).ToDictionary(g => g.Key, g => g.Count());
        ShippedCatalogue.LaitDictionary.Where(e => byLaitCode.GetValueOrDefault(e.Code) != 1).Select(e => e.Code).ShouldBeEmpty();
        byLaitCode.Keys.Except(ShippedCatalogue.LaitDictionary.Select(e => e.Code)).ShouldBeEmpty("a LAIT code that is not in the dictionary");
    }

    [Fact]
    public void Ids_AreUniqueAndUrlSafe()
    {
        Measures.GroupBy(m => m.Id).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        Measures.Where(m => !Regex.IsMatch(m.Id, "^[a-z0-9]+(-[a-z0-9]+)*$") || m.Id.Length > 80 || Uri.EscapeDataString(m.Id) != m.Id)
            .Select(m => m.Id).ShouldBeEmpty();
        Measures.Where(m => LocalMeasureIds.IsLocal(m.Id)).ShouldBeEmpty("a national id shaped like a council's own");
    }

    [Fact]
    public void Codes_AreUniqueAcrossCodesAndLaitCodes()
    {
        // A code finds one measure whichever field it sits in (AuthorityView.Find reads both).
        var names = Measures.SelectMany(m => new[] { m.Code, m.LaitCode }.Where(c => c is not null).Distinct().Select(c => (code: c!, m.Id)));
        names.GroupBy(n => n.code, StringComparer.OrdinalIgnoreCase).Where(g => g.Select(n => n.Id).Distinct().Count() > 1)
            .Select(g => g.Key).ShouldBeEmpty();
    }

    [Fact]
    public void AddedMeasures_AreDerivedFromTheDictionaryAsDocumented()
    {
        var dictionary = ShippedCatalogue.LaitDictionary.ToDictionary(e => e.Code);
        var mismatches = new List<string>();
        foreach (var measure in Measures.Where(m => m.LaitCode is not null))
        {
            var derived = LaitMeasureDerivation.Derive(dictionary[measure.LaitCode!]);
            void Expect<T>(string what, T actual, T expected)
            {
                if (!EqualityComparer<T>.Default.Equals(actual, expected)) mismatches.Add($"{measure.Id} {what}: {actual}, derived {expected}");
            }
            Expect("unit", measure.Unit, derived.Unit);
            Expect("polarity", measure.Polarity, derived.Polarity);
            Expect("year type", measure.PublishedYearType, derived.YearType);
            if (CuratedBeforeLait.Contains(measure.Id)) continue;
            Expect("decimal places", measure.DecimalPlaces, derived.DecimalPlaces);
            Expect("aggregation", measure.Aggregation, derived.Aggregation);
            Expect("area", measure.Area, derived.Area);
            Expect("title", measure.Title, derived.Title);
            Expect("code", measure.Code, measure.LaitCode);
        }
        mismatches.ShouldBeEmpty();
        Measures.Count(m => m.LaitCode is not null && CuratedBeforeLait.Contains(m.Id)).ShouldBe(CuratedBeforeLait.Count);
    }

    [Fact]
    public void EveryMeasure_HasTheShapeOfAValidDefinition()
    {
        var problems = Measures.SelectMany(m => LocalMeasureRules.Check(m with { LaitCode = null, Definition = m.Definition })
            .Select(p => $"{m.Id} {p.Field}: {p.Message}"));
        problems.ShouldBeEmpty();
    }
}
