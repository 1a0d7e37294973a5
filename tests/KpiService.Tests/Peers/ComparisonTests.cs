using System.Globalization;
using System.Text.Json;

namespace KpiService.Tests.Peers;

/// <summary>
/// Expected ranks, quartiles and neighbour means computed here, independently of the service code, from the
/// shipped LAIT file and neighbour lists; the service must agree exactly.
/// </summary>
public sealed class ComparisonTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "ReferenceData");

    [Theory]
    [InlineData("ReReferral", 2024, "916")]
    [InlineData("CareLeaverEET", 2023, "841")]
    [InlineData("Work_Force_AvgNumCase_SW", 2024, "202")]
    [InlineData("CP_conf_15days", 2019, "E10000013")]
    [InlineData("LACStable_2016on", 2025, "E08000025")]
    public async Task RankQuartileAndNeighbourMean_MatchAnIndependentComputation(string code, int year, string authority)
    {
        var lait = Lait().Where(r => r.Code == code && r.Year == year).ToList();
        var (polarity, yearType) = (lait[0].Polarity, lait[0].YearType);
        var period = yearType.Contains("Sept") ? $"{year}-{(year + 1) % 100:D2}" : $"{year - 1}-{year % 100:D2}";
        var values = lait.Where(r => r.Level == "Local authority" && r.Value is not null).ToDictionary(r => r.La, r => r.Value!.Value);
        var la = (await (await service.Admin.GetAsync($"/api/v1/authorities/{authority}")).Json()).GetProperty("laNumber").GetInt32().ToString(CultureInfo.InvariantCulture);
        var own = values[la];
        var higher = polarity == "High";
        var rank = 1 + values.Values.Count(v => higher ? v > own : v < own);
        var sorted = values.Values.Order().ToList();
        double Q(double p) { var h = (sorted.Count - 1) * p; var lo = (int)Math.Floor(h); return sorted[lo] + (h - lo) * (sorted[Math.Min(lo + 1, sorted.Count - 1)] - sorted[lo]); }
        var (q1, q2, q3) = (Q(0.25), Q(0.5), Q(0.75));
        var fromLowest = own <= q1 ? 0 : own <= q2 ? 1 : own <= q3 ? 2 : 3;
        var quartile = "ABCD"[higher ? 3 - fromLowest : fromLowest].ToString();
        var neighbours = File.ReadLines(Path.Combine(Data, "statistical-neighbours-2025.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[0] == la).Select(f => f[3]).Where(values.ContainsKey).Select(n => values[n]).ToList();

        var measure = await MeasureIdAsync(code);
        var comparison = await (await service.Admin.GetAsync($"/api/v1/measures/{measure}/comparison/{period}?authority={authority}")).Json();

        comparison.GetProperty("authority").GetProperty("value").GetDouble().ShouldBe(own);
        comparison.GetProperty("rank").GetInt32().ShouldBe(rank);
        comparison.GetProperty("of").GetInt32().ShouldBe(values.Count);
        comparison.GetProperty("quartile").GetString().ShouldBe(quartile);
        comparison.GetProperty("quartileBreakpoints").EnumerateArray().Select(e => e.GetDouble()).ToList().ShouldBe([q1, q2, q3]);
        comparison.GetProperty("neighbours").GetProperty("count").GetInt32().ShouldBe(neighbours.Count);
        comparison.GetProperty("neighbours").GetProperty("average").GetDouble().ShouldBe(neighbours.Average(), 1e-9);
        var england = lait.Single(r => r.Level == "National").Value;
        comparison.GetProperty("england").GetProperty("value").GetDouble().ShouldBe(england!.Value);
        comparison.GetProperty("england").GetProperty("source").GetString().ShouldBe("published");
    }

    [Fact]
    public async Task NeutralMeasure_HasNoRankOrQuartile()
    {
        var comparison = await (await service.Admin.GetAsync($"/api/v1/measures/{await MeasureIdAsync("LAC")}/comparison/2023-24?authority=916")).Json();
        comparison.GetProperty("authority").GetProperty("value").GetDouble().ShouldBeGreaterThan(0);
        comparison.TryGetProperty("rank", out _).ShouldBeFalse();
        comparison.TryGetProperty("quartile", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Models2021And2025_GiveDifferentNeighbours()
    {
        var measure = await MeasureIdAsync("ReReferral");
        var latest = await (await service.Admin.GetAsync($"/api/v1/measures/{measure}/comparison/2023-24?authority=916&model=2025")).Json();
        var earlier = await (await service.Admin.GetAsync($"/api/v1/measures/{measure}/comparison/2023-24?authority=916&model=2021")).Json();
        Members(latest).ShouldNotBe(Members(earlier));
        earlier.GetProperty("neighbours").GetProperty("model").GetInt32().ShouldBe(2021);

        static List<int> Members(JsonElement c) => [.. c.GetProperty("neighbours").GetProperty("members").EnumerateArray().Select(m => m.GetProperty("laNumber").GetInt32())];
    }

    [Fact]
    public async Task MonthlyLocalFigure_MeetsTheLatestPublishedAnnualBenchmarks()
    {
        (await service.Admin.Put("/api/v1/authorities/916/measures/re-referrals/figures/2021-09", new { numerator = 207, denominator = 967 })).EnsureSuccessStatusCode();
        var comparison = await (await service.Admin.GetAsync("/api/v1/measures/re-referrals/comparison/2021-09?authority=916")).Json();

        comparison.GetProperty("authority").GetProperty("period").GetString().ShouldBe("2021-09");
        comparison.GetProperty("england").GetProperty("period").GetString().ShouldBe("2020-21");
        comparison.GetProperty("england").GetProperty("source").GetString().ShouldBe("published");
        comparison.GetProperty("neighbours").GetProperty("members").EnumerateArray().ShouldAllBe(m => m.GetProperty("period").GetString() == "2020-21");
        comparison.GetProperty("versusNeighbours").GetString().ShouldNotBeNull();
    }

    [Fact]
    public async Task UnknownComparatorGroups_AreAllNamed()
    {
        var response = await service.Admin.GetAsync("/api/v1/measures/re-referrals/comparison/2023-24?authority=916&group=nope-one&group=nope-two");
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        var errors = (await response.Json()).Errors();
        errors.ShouldContain(e => e.Contains("nope-one"));
        errors.ShouldContain(e => e.Contains("nope-two"));
    }

    [Fact]
    public async Task League_RanksEveryAuthority()
    {
        var league = await (await service.Admin.GetAsync($"/api/v1/measures/{await MeasureIdAsync("ReReferral")}/league/2023-24")).Json();
        var rows = league.GetProperty("authorities").EnumerateArray().ToList();
        rows.Count.ShouldBe(league.GetProperty("of").GetInt32());
        rows[0].GetProperty("rank").GetInt32().ShouldBe(1);
        rows.Select(r => r.GetProperty("value").GetDouble()).ShouldBeInOrder(SortDirection.Ascending); // lower is better
    }

    [Fact]
    public async Task ImportBenchmarks_KeepsSuppressionMarksAndNamesBadRows()
    {
        var ok = await service.Admin.PostAsync("/api/v1/benchmarks?source=test", new StringContent(
            "measure,period,level,code,value\nre-referrals,2024-25,authority,916,19.5\nre-referrals,2024-25,region,South West,c\nReReferral,2024-25,england,England,21.9\n",
            System.Text.Encoding.UTF8, "text/csv"));
        ok.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var comparison = await (await service.Admin.GetAsync("/api/v1/measures/re-referrals/comparison/2024-25?authority=916")).Json();
        comparison.GetProperty("region").GetProperty("mark").GetString().ShouldBe("c");
        comparison.GetProperty("region").TryGetProperty("value", out _).ShouldBeFalse();

        var bad = await service.Admin.PostAsync("/api/v1/benchmarks", new StringContent(
            "measure,period,level,code,value\nnope,2024-25,authority,916,19.5\nre-referrals,2024-99,county,916,abc\n", System.Text.Encoding.UTF8, "text/csv"));
        bad.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        var errors = (await bad.Json()).Errors();
        errors.ShouldContain(e => e.StartsWith("row 2.measure:"));
        errors.ShouldContain(e => e.StartsWith("row 3.period:"));
        errors.ShouldContain(e => e.StartsWith("row 3.level:"));
        errors.ShouldContain(e => e.StartsWith("row 3.value:"));
    }

    private async Task<string> MeasureIdAsync(string code) =>
        (await (await service.Admin.GetAsync("/api/v1/measures")).Json()).EnumerateArray()
            .Single(m => m.TryGetProperty("code", out var c) && c.GetString() == code).GetProperty("id").GetString()!;

    private sealed record LaitRow(string Code, string Polarity, string YearType, int Year, string Level, string La, double? Value);

    private static IEnumerable<LaitRow> Lait()
    {
        foreach (var line in File.ReadLines(Path.Combine(Data, "lait-key-csc-kpis-2016-2025.csv")).Skip(1))
        {
            var f = SplitCsv(line);
            yield return new LaitRow(f[0], f[2], f[3], int.Parse(f[6], CultureInfo.InvariantCulture), f[7], f[8],
                double.TryParse(f[11], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null);
        }
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
