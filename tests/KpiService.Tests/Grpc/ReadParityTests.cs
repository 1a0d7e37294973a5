using System.Net.Http.Json;
using Google.Protobuf;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Tests.Grpc;

/// <summary>The reads over gRPC give REST's answers: the same use case, field for field (in process, Grpc.Net.Client).</summary>
public sealed class ReadParityTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private KpiGrpcClient Grpc => KpiGrpcClient.InProcess(service.Factory.Server, ServiceFixture.AdminKey);

    private async Task Same(string url, Func<Task<IMessage>> call, params string[] ignoring)
    {
        var rest = await service.Admin.GetAsync(url);
        rest.EnsureSuccessStatusCode();
        (await call()).ShouldMatch(await rest.Json(), ignoring);
    }

    [Fact]
    public async Task ReferenceData_IsTheSameOverBoth()
    {
        await Same("/api/v1/authorities/916", async () => (await Grpc.Call<V1.GetAuthorityResponse>("ReferenceData/GetAuthority", new V1.GetAuthorityRequest { Authority = "E10000013" })).Authority);
        await Same("/api/v1/authorities/916/neighbours?model=2021", () => Grpc.Call<V1.GetNeighboursResponse>("ReferenceData/GetNeighbours", new V1.GetNeighboursRequest { Authority = "916", Model = 2021 }).As());
        await Same("/api/v1/measures/re-referrals", async () => (await Grpc.Call<V1.GetMeasureResponse>("ReferenceData/GetMeasure", new V1.GetMeasureRequest { Measure = "re-referrals" })).Measure);
        await Same("/api/v1/working-days?from=2021-12-20&to=2022-01-07", () => Grpc.Call<V1.CountWorkingDaysResponse>("ReferenceData/CountWorkingDays",
            new V1.CountWorkingDaysRequest { From = "2021-12-20", To = "2022-01-07" }).As());
        var measure = await Grpc.Call<V1.GetMeasureResponse>("ReferenceData/GetMeasure", new V1.GetMeasureRequest { Measure = "re-referrals" });
        measure.Etag.ShouldBe((await service.Admin.GetAsync("/api/v1/measures/re-referrals")).Headers.ETag!.ToString());
    }

    [Fact]
    public async Task RatingsSpcAndBreakdowns_AreTheSameOverBoth()
    {
        (await service.Admin.Put("/api/v1/authorities/916/dimensions/locality", new { values = new[] { "Cheltenham", "Cotswolds", "Stroud" } })).EnsureSuccessStatusCode();
        var figures = new List<object>();
        for (var month = 1; month <= 9; month++)
        {
            figures.Add(new { measure = "re-referrals", period = $"2021-{month:00}", numerator = 150 + month * 7 % 20, denominator = 700 });
            foreach (var (locality, n) in new[] { ("Cheltenham", 61), ("Cotswolds", 79), ("Stroud", 52) })
                figures.Add(new { measure = "re-referrals", period = $"2021-{month:00}", breakdown = $"locality:{locality}", numerator = n + month, denominator = 300 });
        }
        (await service.Admin.PostAsJsonAsync("/api/v1/authorities/916/returns", new { figures })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/re-referrals/targets/2021-04",
            new { bands = new object[] { new { status = "green", to = 22 }, new { status = "amber", above = 22, to = 25 }, new { status = "red", above = 25 } }, labels = new { amber = "Yellow" } }))
            .EnsureSuccessStatusCode();

        await Same("/api/v1/authorities/916/measures/re-referrals/ratings/2021-09", () => Grpc.Call<V1.Rating>("Ratings/GetRating",
            new V1.GetRatingRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09" }).As(), "rolledUpFrom");
        await Same("/api/v1/authorities/916/scorecard/2021-09", () => Grpc.Call<V1.Scorecard>("Ratings/GetScorecard",
            new V1.GetScorecardRequest { Authority = "916", Period = "2021-09" }).As(), "rolledUpFrom");
        await Same("/api/v1/authorities/916/measures/re-referrals/ratings/2021-09/spc?baseline=2021-05", () => Grpc.Call<V1.GetSpcResponse>("Ratings/GetSpc",
            new V1.GetSpcRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09", Baselines = { "2021-05" } }).As());
        await Same("/api/v1/authorities/916/measures/re-referrals/ratings/2021-09/breakdowns?dimension=locality", () => Grpc.Call<V1.GetBreakdownRatingsResponse>("Ratings/GetBreakdownRatings",
            new V1.GetBreakdownRatingsRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09", Dimension = "locality" }).As(), "rolledUpFrom");
        await Same("/api/v1/authorities/916/measures/re-referrals/targets?period=2021-09", () => Grpc.Call<V1.GetTargetsResponse>("Targets/GetTargets",
            new V1.GetTargetsRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09" }).As());
        await Same("/api/v1/authorities/916/measures/re-referrals/figures/2021-09/history", () => Grpc.Call<V1.FigureHistory>("Figures/GetFigureHistory",
            new V1.GetFigureHistoryRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09" }).As());
        await Same("/api/v1/authorities/916/measures/re-referrals/figures/2021-09", async () => (await Grpc.Call<V1.GetFigureResponse>("Figures/GetFigure",
            new V1.GetFigureRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09" })).Figure);
    }

    [Fact]
    public async Task ComparisonLeagueAndImportedBenchmarks_AreTheSameOverBoth()
    {
        var csv = "measure,period,level,code,value\nre-referrals,2024-25,authority,916,19.5\nre-referrals,2024-25,region,South West,c\nre-referrals,2024-25,england,England,21.9\n";
        var imported = await Grpc.Call<V1.ImportBenchmarksResponse>("Peers/ImportBenchmarks", new V1.ImportBenchmarksRequest { Source = "grpc test", Csv = ByteString.CopyFromUtf8(csv) });
        imported.Imported.ShouldBe(3);
        imported.Measures.ShouldBe(["re-referrals"]);
        await Same("/api/v1/measures/re-referrals/comparison/2024-25?authority=916", () => Grpc.Call<V1.Comparison>("Peers/GetComparison",
            new V1.GetComparisonRequest { Measure = "re-referrals", Period = "2024-25", Authority = "916" }).As());
        await Same("/api/v1/measures/re-referrals/league/2023-24", () => Grpc.Call<V1.League>("Peers/GetLeague",
            new V1.GetLeagueRequest { Measure = "re-referrals", Period = "2023-24" }).As());
    }
}

public sealed class BenchmarkParityTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private KpiGrpcClient Grpc => KpiGrpcClient.InProcess(service.Factory.Server, ServiceFixture.AdminKey);

    [Fact]
    public async Task ListingAndWithdrawingBenchmarks_AreTheSameOverBoth()
    {
        var csv = "measure,period,level,code,value\nreferrals-over-3-wd,2023/24,authority,916,4.5\nreferrals-over-3-wd,2023/24,england,England,c\n";
        var imported = await Grpc.Call<V1.ImportBenchmarksResponse>("Peers/ImportBenchmarks", new V1.ImportBenchmarksRequest { Source = "grpc list", Csv = ByteString.CopyFromUtf8(csv) });
        (imported.Format, imported.Values, imported.Marks).ShouldBe(("service", 1, 1));

        var rest = await service.Admin.GetAsync("/api/v1/benchmarks?source=grpc%20list");
        var listed = await Grpc.Call<V1.ListBenchmarksResponse>("Peers/ListBenchmarks", new V1.ListBenchmarksRequest { Source = "grpc list" });
        listed.Sets.Single().ShouldMatch((await rest.Json())[0]);
        listed.Sets.Single().Periods.Single().Label.ShouldBe("2023/24");

        var withdrawn = await Grpc.Call<V1.WithdrawBenchmarksResponse>("Peers/WithdrawBenchmarks",
            new V1.WithdrawBenchmarksRequest { Source = "grpc list", Measure = "referrals-over-3-wd", Reason = "test" });
        (withdrawn.Figures, withdrawn.Measure).ShouldBe((2, "referrals-over-3-wd"));
        (await Grpc.Call<V1.ListBenchmarksResponse>("Peers/ListBenchmarks", new V1.ListBenchmarksRequest { Source = "grpc list" })).Sets.ShouldBeEmpty();
        (await Should.ThrowAsync<global::Grpc.Core.RpcException>(() => Grpc.Call<V1.WithdrawBenchmarksResponse>("Peers/WithdrawBenchmarks",
            new V1.WithdrawBenchmarksRequest { Source = "grpc list", Measure = "referrals-over-3-wd" }))).StatusCode.ShouldBe(global::Grpc.Core.StatusCode.NotFound);
        var bad = await Should.ThrowAsync<global::Grpc.Core.RpcException>(() => Grpc.Call<V1.ImportBenchmarksResponse>("Peers/ImportBenchmarks",
            new V1.ImportBenchmarksRequest { Csv = ByteString.CopyFromUtf8("measure,period,level,code,value\nreferrals-over-3-wd,2023/24,county,916,4.5\n") }));
        bad.StatusCode.ShouldBe(global::Grpc.Core.StatusCode.InvalidArgument);
    }
}

internal static class Replies
{
    /// <summary>A reply as IMessage, for comparisons that do not care about its type.</summary>
    public static async Task<IMessage> As<T>(this Task<T> reply) where T : IMessage => await reply;
}
