using System.Diagnostics;
using System.IO.Compression;
using KpiService.Domain.Benchmarks;
using KpiService.Domain.Tests.Catalogue;
using Xunit.Abstractions;

namespace KpiService.Domain.Tests.Benchmarks;

/// <summary>
/// DfE LAIT's own long download of every children's social care measure (src/KpiService/ReferenceData/lait-csc-all-long.csv.gz, loaded on first start:
/// 237,320 rows, 156 measures, 2016–2025), read through the shipped catalogue and authorities, streamed from the
/// gzip. Expected counts were worked out separately from the file (a Python pass over the same rules).
/// </summary>
public sealed class RealLaitDownloadTests(ITestOutputHelper output)
{
    private static readonly Lazy<(BenchmarkFormat? Format, BenchmarkImportSummary Summary, Dictionary<string, PublishedFigure> Samples, TimeSpan Took)> Result = new(ReadAll);

    private static readonly string[] SampleKeys =
    [
        "re-referrals|2024/25|E92000001", "re-referrals|2024/25|916", "children-in-care-rate|31 March 2025|E92000001",
        "social-worker-vacancies|30 September 2022|E92000001", "cla-ks4-attainment-8|2020/21|E92000001",
        "care-applications-rate|2021/22|835", "repeat-cp-plans-count|2015/16|835", "foster-places-approved|2024/25|928",
        "cin-permanent-exclusions|2023/24|E92000001", "re-referrals|2024/25|E12000007",
    ];

    private static long _allocated, _heapAfter;

    private static (BenchmarkFormat?, BenchmarkImportSummary, Dictionary<string, PublishedFigure>, TimeSpan) ReadAll()
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(RepositoryFiles.Root, "src/KpiService/ReferenceData/lait-csc-all-long.csv.gz")), CompressionMode.Decompress);
        using var text = new StreamReader(gzip);
        var file = BenchmarkFile.Open(text, BenchmarkContext.From(ShippedCatalogue.Measures, ShippedCatalogue.Authorities));
        var samples = new Dictionary<string, PublishedFigure>();
        var summary = BenchmarkImportSummary.Of(file.Lines(), figure =>
        {
            var key = $"{figure.MeasureId}|{figure.Period.Label}|{figure.Area.Code}";
            if (SampleKeys.Contains(key)) samples[key] = figure;
        });
        var took = clock.Elapsed;
        _allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        _heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        return (file.Format, summary, samples, took);
    }

    [Fact]
    public void WholeDownload_ReadsWithoutAProblem()
    {
        var (format, summary, _, _) = Result.Value;
        format.ShouldBe(BenchmarkFormat.LaitLong);
        summary.Problems.Select(p => p.ToString()).Take(10).ShouldBeEmpty();
        summary.Measures.Count.ShouldBe(156);
        (summary.Figures, summary.Values, summary.Marks).ShouldBe((234_360, 197_027, 37_333));
        summary.MarksByKind.ShouldBe(new SortedDictionary<string, int> { ["-"] = 37_333 });
        output.WriteLine($"read in {Result.Value.Took.TotalSeconds:F1} s; allocated {_allocated / 1_000_000} MB in all, {_heapAfter / 1_000_000} MB live after");
    }

    [Fact]
    public void InnerAndOuterLondonAndYearZero_AreSkippedWithCounts() =>
        Result.Value.Summary.Skipped.ShouldBe(new SortedDictionary<string, int>(StringComparer.Ordinal)
        {
            [SkipReasons.LondonSplit] = 2 * 1396 - 2,
            [SkipReasons.LaitYearZero] = 170,
        });

    [Fact]
    public void RetiredAndNotYetCreatedAuthorities_AreKeptButNotRanked()
    {
        var (_, summary, samples, _) = Result.Value;
        summary.NotRanked.ShouldBe(8_312);
        samples["care-applications-rate|2021/22|835"].ShouldSatisfyAllConditions(
            f => f.Value.ShouldBe(11.1), f => f.Area.Ranked.ShouldBeFalse());   // Cafcass still reports Dorset's old county
        samples["foster-places-approved|2024/25|928"].Area.Ranked.ShouldBeFalse(); // Ofsted still reports Northamptonshire
        samples["repeat-cp-plans-count|2015/16|835"].Area.Ranked.ShouldBeTrue();   // before 2019 the old county was current
    }

    [Theory]
    [InlineData("re-referrals|2024/25|E92000001", 22.6, "2024-25")]
    [InlineData("re-referrals|2024/25|916", null, "2024-25")]
    [InlineData("re-referrals|2024/25|E12000007", null, "2024-25")]
    [InlineData("children-in-care-rate|31 March 2025|E92000001", 67.0, "2024-25")]
    [InlineData("social-worker-vacancies|30 September 2022|E92000001", 20.0, "2022-23")]
    [InlineData("cla-ks4-attainment-8|2020/21|E92000001", 23.2, "2020-21")]
    [InlineData("cin-permanent-exclusions|2023/24|E92000001", 1.03, "2023-24")]
    public void KnownPublishedValues_LandOnTheirPeriods(string key, double? englandValue, string comparable)
    {
        var figure = Result.Value.Samples[key];
        figure.Period.ComparablePeriod.ToString().ShouldBe(comparable);
        if (englandValue is { } expected) figure.Value.ShouldBe(expected);
        else (figure.Value is not null || figure.Mark is not null).ShouldBeTrue();
    }
}
