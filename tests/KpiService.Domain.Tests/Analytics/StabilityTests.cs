using KpiService.Domain.Analytics;
using KpiService.Domain.Tests.Golden;

namespace KpiService.Domain.Tests.Analytics;

/// <summary>Static, fluctuating or steady trend over the last 12 months of Gloucestershire's rows (seeds/000).</summary>
public sealed class StabilityTests
{
    private static (Stability? Class, double? Slope) Of(GloucestershireRow row) =>
        StabilityClass.Of([.. row.Values.Skip(1).Select((v, i) => (i, v)).Where(x => x.v is not null).Select(x => (x.i, x.v!.Value))], row.Measure());

    [Theory]
    [InlineData("% of children in care who have had a missing episode(s) in the last 12 months")]  // line 149 "broadly static"
    [InlineData("% of children subject to a CPP for more than 2 years")]                           // line 187 "static"
    [InlineData("% of children in care with an up-to-date Statutory visit")]                      // line 156 "static within +/- 1-2% points"
    [InlineData("% of children in care with an up-to-date annual assessment")]                     // line 177 "static within 1-2 % points"
    public void Static(string row) => Of(Gloucestershire.Row(row)).Class.ShouldBe(Stability.Static);

    [Theory]
    [InlineData("% of decisions for Red rated contacts made within 4 hours")]       // line 140 "substantial peaks and troughs"
    [InlineData("% of Initial visits that were within 2 w.days of contact (S47)")]   // line 143
    [InlineData("% of CP plans starting in month that are second/subsequent plans")] // line 193
    [InlineData("% of Single Assessments completed within 45 w.days")]              // line 176 "fluctuating between within tolerance and worse"
    public void Fluctuating(string row) => Of(Gloucestershire.Row(row)).Class.ShouldBe(Stability.Fluctuating);

    [Theory]
    [InlineData("% of children in care accommodated under S20", -1)]                        // line 211 "incremental reductions"
    [InlineData("% of children aged 5 years and over where their IRO has been in touch", 1)] // line 170 "incremental improvements since Feb"
    [InlineData("% of return interviews which took place with 72 hours", -1)]                // line 148 "this decline has worsened"
    public void SteadyTrend(string row, int direction)
    {
        var (stability, slope) = Of(Gloucestershire.Row(row));
        stability.ShouldBe(Stability.SteadyTrend);
        Math.Sign(slope!.Value).ShouldBe(direction);
    }

    // Where our 12-month class differs from the report's word, and why; each must really differ, so the list cannot go stale.
    private static readonly Dictionary<string, string> Explained = new()
    {
        ["% of Children in Need seen within the last 20 w.days"] = "the report reads 'broadly static'; over 12 months it slid 95.6 → 90.0, 11 of 12 steps",
        ["% of children subject to CPP aged 8 and over completing a My Views form for their conference"] = "the report reads the last 6 months ('mid-60's for 6th month'); the 12 include swings of 16 points",
        ["% children in care with an up-to-date health assessment (snapshot, overall)"] = "the report reads 2021 only ('off target throughout 2021, broadly static'); from Oct-20 it fell 5 points",
        ["% children in care with an up-to-date health assessment - (snapshot, 0-4 years)"] = "a jump of 5 points in June: the report reads the level since",
        ["% children in care with an up-to-date health assessment - (snapshot, 5 years+)"] = "the report reads 2021 only; from Oct-20 it fell 7 points",
        ["% of children in care with an up-to-date SDQ"] = "the report's 'minor fluctuations' are within 2.5 points a month: static by our band",
        ["% of pre-proceedings completed for more than 26 weeks (CYTD)"] = "a cumulative (CYTD) figure that swung 12–15 points in its first months",
        ["% of Foster Carers with an up-to-date medical check (Main Carer)"] = "the report reads the last 4 months ('static for 4 months'); over 12 it slid 97.9 → 94.7",
    };

    [Fact]
    public void RowsTheReportCallsStaticOrFluctuating_AgreeOrAreExplained()
    {
        var (agree, compared, mismatches) = (0, 0, new List<string>());
        foreach (var row in Gloucestershire.Rows)
        {
            var word = row.Group.Contains("static") ? Stability.Static : row.Group.Contains("fluctuating") ? Stability.Fluctuating : (Stability?)null;
            if (word is null || Of(row).Class is not { } ours) continue;
            compared++;
            if (ours == word) agree++; else mismatches.Add(row.Name);
        }
        mismatches.Where(m => !Explained.ContainsKey(m)).ShouldBeEmpty();
        Explained.Keys.Where(k => !mismatches.Contains(k)).ShouldBeEmpty("an explained mismatch no longer happens");
        Console.WriteLine($"Stability: {agree} of {compared} rows agree with the report's word.");
    }

    [Theory]
    [InlineData(new double[] { 60, 60, 60, 60, 60, 60, 80, 80, 80, 80, 80, 80 }, Stability.Fluctuating)] // a step: not static
    [InlineData(new double[] { 50, 51, 52, 53, 54, 55 }, Stability.SteadyTrend)]
    [InlineData(new double[] { 50, 50.2, 50.4, 50.6, 50.8, 51.0 }, Stability.Static)]                     // steady, but within the band
    public void Shapes(double[] values, Stability expected) =>
        StabilityClass.Of([.. values.Select((v, i) => (i, v))], Measures.Percentage()).Class.ShouldBe(expected);

    [Fact]
    public void FewerThanSixValues_SayNothing() =>
        StabilityClass.Of([(0, 1.0), (1, 2.0), (2, 3.0), (3, 4.0), (4, 5.0)], Measures.Percentage()).Class.ShouldBeNull();

    [Fact]
    public void Counts_UseABandOf5PercentOfTheLevel()
    {
        // Southampton LAC caseloads 20, 19.5, 19.5 read "Static" (seeds/001 line 450): moves of 0.5 on 20 are within 5%.
        var caseloads = new[] { 20, 19.5, 19.5, 20, 19.5, 19.5 }.Select((v, i) => (i, v)).ToList();
        StabilityClass.Of(caseloads, Measures.Count()).Class.ShouldBe(Stability.Static);
    }
}
