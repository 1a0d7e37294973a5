using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace KpiService.Tests.Peers;

/// <summary>
/// Expected ranks, quartiles and neighbour means computed here, independently of the service code, from LAIT's own
/// long download the service loads on first start (ReferenceData/lait-csc-all-long.csv.gz) and the neighbour lists;
/// the service must agree exactly. Authorities a reorganisation abolished or had not yet created by the period's end
/// are left out of ranks, as LAIT's own tables leave them.
/// </summary>
public sealed class ComparisonTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "ReferenceData");

    [Theory]
    [InlineData("ReReferral", 2024, "916", "Low", false)]
    [InlineData("CareLeaverEET", 2023, "841", "High", false)]
    [InlineData("Work_Force_AvgNumCase_SW", 2024, "202", "Low", true)]
    [InlineData("CP_conf_15days", 2019, "E10000013", "High", false)]
    [InlineData("LACStable_2016on", 2025, "E08000025", "Low", false)]
    [InlineData("CareApplications", 2022, "916", "-", false)]
    public async Task RankQuartileAndNeighbourMean_MatchAnIndependentComputation(string code, int year, string authority, string polarity, bool endOfSeptember)
    {
        var lait = Lait().Where(r => r.Code == code && r.Year == year).ToList();
        var period = endOfSeptember ? $"{year}-{(year + 1) % 100:D2}" : $"{year - 1}-{year % 100:D2}";
        var periodEnd = new DateOnly(endOfSeptember ? year + 1 : year, 3, 31);
        var all = lait.Where(r => r.La < 970 && r.Value is not null).ToDictionary(r => r.La, r => r.Value!.Value);
        var values = all.Where(v => Existed(v.Key, periodEnd)).ToDictionary(v => v.Key, v => v.Value);
        var la = (await (await service.Admin.GetAsync($"/api/v1/authorities/{authority}")).Json()).GetProperty("laNumber").GetInt32();
        var own = values[la];
        var measure = await MeasureAsync(code);
        var comparison = await (await service.Admin.GetAsync($"/api/v1/measures/{measure.GetProperty("id").GetString()}/comparison/{period}?authority={authority}")).Json();

        comparison.GetProperty("authority").GetProperty("value").GetDouble().ShouldBe(own);
        comparison.GetProperty("authority").GetProperty("state").GetString().ShouldBe("reported");
        var neighbours = File.ReadLines(Path.Combine(Data, "statistical-neighbours-2025.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[0] == la.ToString(CultureInfo.InvariantCulture)).Select(f => int.Parse(f[3], CultureInfo.InvariantCulture)).ToList();
        var present = neighbours.Where(all.ContainsKey).Select(n => all[n]).ToList();
        var decimals = measure.GetProperty("decimalPlaces").GetInt32();
        var n = comparison.GetProperty("neighbours");
        (n.GetProperty("count").GetInt32(), n.GetProperty("of").GetInt32()).ShouldBe((present.Count, neighbours.Count));
        n.GetProperty("averageUnrounded").GetDouble().ShouldBe(present.Average(), 1e-9);
        n.GetProperty("average").GetDouble().ShouldBe(Math.Round(present.Average(), decimals, MidpointRounding.AwayFromZero));
        // Neighbours without a value are counted: suppressed (LAIT's "-") or missing from the year.
        var suppressed = neighbours.Count(nb => lait.Any(r => r.La == nb && r.Value is null));
        (n.GetProperty("suppressed").GetInt32(), n.GetProperty("missing").GetInt32()).ShouldBe((suppressed, neighbours.Count - present.Count - suppressed));
        var england = lait.Single(r => r.La == 970).Value;
        comparison.GetProperty("england").GetProperty("value").GetDouble().ShouldBe(england!.Value);
        comparison.GetProperty("england").GetProperty("source").GetString().ShouldBe("published");

        if (polarity == "-")
        {
            comparison.TryGetProperty("rank", out _).ShouldBeFalse();
            return;
        }
        var higher = polarity == "High";
        var rank = 1 + values.Values.Count(v => higher ? v > own : v < own);
        var sorted = values.Values.Order().ToList();
        double Q(double p) { var h = (sorted.Count - 1) * p; var lo = (int)Math.Floor(h); return sorted[lo] + (h - lo) * (sorted[Math.Min(lo + 1, sorted.Count - 1)] - sorted[lo]); }
        var (q1, q2, q3) = (Q(0.25), Q(0.5), Q(0.75));
        var fromLowest = own <= q1 ? 0 : own <= q2 ? 1 : own <= q3 ? 2 : 3;
        comparison.GetProperty("rank").GetInt32().ShouldBe(rank);
        comparison.GetProperty("of").GetInt32().ShouldBe(values.Count);
        comparison.GetProperty("quartile").GetString().ShouldBe("ABCD"[higher ? 3 - fromLowest : fromLowest].ToString());
        comparison.GetProperty("quartileBreakpoints").EnumerateArray().Select(e => e.GetDouble()).ToList().ShouldBe([q1, q2, q3]);
    }

    [Fact]
    public async Task ASuppressedAuthority_SaysSuppressed_NotBlank()
    {
        // LAIT publishes "-" for Hampshire's 2023/24 re-referrals.
        var lait = Lait().Where(r => r.Code == "ReReferral" && r.Year == 2024).ToList();
        lait.Single(r => r.La == 850).Value.ShouldBeNull();
        var comparison = await (await service.Admin.GetAsync("/api/v1/measures/re-referrals/comparison/2023-24?authority=E10000014")).Json();

        var own = comparison.GetProperty("authority");
        (own.GetProperty("state").GetString(), own.GetProperty("mark").GetString(), own.GetProperty("period").GetString()).ShouldBe(("suppressed", "-", "2023-24"));
        own.TryGetProperty("value", out _).ShouldBeFalse();
        comparison.TryGetProperty("rank", out _).ShouldBeFalse();
        comparison.GetProperty("england").GetProperty("value").GetDouble().ShouldBe(lait.Single(r => r.La == 970).Value!.Value);
    }

    [Fact]
    public async Task RetiredAuthorities_AreListedForHistory_ButNotRanked()
    {
        // Ofsted still publishes Northamptonshire (928, abolished April 2021) and LAIT lists it: 2024/25 foster places.
        var league = await (await service.Admin.GetAsync("/api/v1/measures/foster-places-approved/league/2024-25")).Json();
        var rows = league.GetProperty("authorities").EnumerateArray().ToList();
        var northamptonshire = rows.Single(r => r.GetProperty("laNumber").GetInt32() == 928);
        northamptonshire.TryGetProperty("rank", out _).ShouldBeFalse();
        northamptonshire.GetProperty("notRankedBecause").GetString()!.ShouldContain("ceased on 1 April 2021");
        var current = rows.Where(r => !r.TryGetProperty("notRankedBecause", out _)).ToList();
        league.GetProperty("of").GetInt32().ShouldBe(current.Count);
        rows.Count.ShouldBeGreaterThan(current.Count);
    }

    /// <summary>The reorganisations since 2016 (structural changes orders): who existed on a period's last day.</summary>
    private static bool Existed(int la, DateOnly end) => la switch
    {
        835 or 836 or 837 => end < new DateOnly(2019, 4, 1),
        838 or 839 => end >= new DateOnly(2019, 4, 1),
        928 => end < new DateOnly(2021, 4, 1),
        940 or 941 => end >= new DateOnly(2021, 4, 1),
        909 => end < new DateOnly(2023, 4, 1),
        942 or 943 => end >= new DateOnly(2023, 4, 1),
        _ => true,
    };

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

    private async Task<string> MeasureIdAsync(string code) => (await MeasureAsync(code)).GetProperty("id").GetString()!;

    private async Task<JsonElement> MeasureAsync(string laitCode) =>
        (await (await service.Admin.GetAsync("/api/v1/measures")).Json()).EnumerateArray()
            .Single(m => m.TryGetProperty("laitCode", out var c) && c.GetString() == laitCode);

    private sealed record LaitRow(string Code, int Year, int La, double? Value);

    /// <summary>LAIT's download: Short Desc, Data item, Years, LA and Regions, Values, LA Number, Region; "-" where suppressed.</summary>
    private static IEnumerable<LaitRow> Lait()
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(Data, "lait-csc-all-long.csv.gz")), CompressionMode.Decompress);
        using var text = new StreamReader(gzip);
        text.ReadLine();
        while (text.ReadLine() is { } first)
        {
            // A quoted cell may span lines (LAIT's "Data item" does): read on until the quotes balance.
            var line = first;
            while (line.Count(c => c == '"') % 2 == 1 && text.ReadLine() is { } more) line += "\n" + more;
            var f = SplitCsv(line);
            yield return new LaitRow(f[0], int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[5], CultureInfo.InvariantCulture),
                double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null);
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
