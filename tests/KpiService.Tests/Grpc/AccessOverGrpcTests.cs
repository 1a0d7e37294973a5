using System.Net.Http.Json;
using Grpc.Core;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Tests.Grpc;

/// <summary>Key lifecycle and the read policy hold over gRPC as over REST: the same handlers answer both.</summary>
public sealed class AccessOverGrpcTests(KestrelServiceFixture service) : IClassFixture<KestrelServiceFixture>
{
    private readonly KpiGrpcClient _admin = KpiGrpcClient.Socket(service.GrpcAddress, KestrelServiceFixture.AdminKey);

    [Fact]
    public async Task RevokingAKey_EndsItsOpenWatchAndRefusesItsNextCall()
    {
        var registered = await _admin.Call<V1.RegisterClientResponse>("Administration/RegisterClient",
            new V1.RegisterClientRequest { Name = "watcher", Scopes = { "read" }, Authorities = { "916" } });
        var watcher = KpiGrpcClient.Socket(service.GrpcAddress, registered.Key);
        using var watch = watcher.Stream<V1.RatingUpdate>("Ratings/WatchRatings", new V1.WatchRatingsRequest { Authorities = { "916" } }, timeout: TimeSpan.FromSeconds(30));
        await watch.ResponseHeadersAsync;

        var revoked = await _admin.Call<V1.RevokeClientResponse>("Administration/RevokeClient", new V1.RevokeClientRequest { Id = registered.Id, Reason = "system retired" });
        revoked.Status.ShouldBe("revoked");

        var ended = await Should.ThrowAsync<RpcException>(async () => { while (await watch.ResponseStream.MoveNext()) { } });
        ended.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        (await Should.ThrowAsync<RpcException>(() => watcher.Call<V1.MeasureList>("ReferenceData/ListMeasures", new V1.ListMeasuresRequest())))
            .Status.Detail.ShouldContain("revoked");
    }

    [Fact]
    public async Task RotatingOverGrpc_GivesANewKeyAndRetiresTheOld()
    {
        var registered = await _admin.Call<V1.RegisterClientResponse>("Administration/RegisterClient",
            new V1.RegisterClientRequest { Name = "rotator", Scopes = { "read" }, Authorities = { "916" } });
        var self = KpiGrpcClient.Socket(service.GrpcAddress, registered.Key);
        var rotated = await self.Call<V1.RotateClientKeyResponse>("Administration/RotateClientKey", new V1.RotateClientKeyRequest { Id = registered.Id });
        (await KpiGrpcClient.Socket(service.GrpcAddress, rotated.Key).Call<V1.GetClientResponse>("Administration/GetClient", new V1.GetClientRequest { Id = registered.Id }))
            .Status.ShouldBe("active");
        (await Should.ThrowAsync<RpcException>(() => self.Call<V1.MeasureList>("ReferenceData/ListMeasures", new V1.ListMeasuresRequest()))).StatusCode.ShouldBe(StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task TheLeagueOverGrpc_WithholdsOtherAuthoritiesInYearValues()
    {
        using var http = new HttpClient { BaseAddress = new Uri(service.RestUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", KestrelServiceFixture.AdminKey);
        foreach (var la in new[] { "916", "885" })
            (await http.PutAsJsonAsync($"/api/v1/authorities/{la}/measures/re-referrals/figures/2021-06", new { numerator = 150, denominator = 1000 })).EnsureSuccessStatusCode();
        var registered = await _admin.Call<V1.RegisterClientResponse>("Administration/RegisterClient",
            new V1.RegisterClientRequest { Name = "league reader", Scopes = { "read" }, Authorities = { "916" } });

        var league = await KpiGrpcClient.Socket(service.GrpcAddress, registered.Key).Call<V1.League>("Peers/GetLeague",
            new V1.GetLeagueRequest { Measure = "re-referrals", Period = "2021-06" });
        league.Authorities.Select(a => a.LaNumber).ShouldBe([916]);
        league.Withheld.ShouldBe(1);
    }
}
