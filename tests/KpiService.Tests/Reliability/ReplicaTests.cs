using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using KpiService.Hosting;
using Xunit.Abstractions;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Tests.Reliability;

/// <summary>
/// Two service processes on one PostgreSQL: both read and write correctly, async projections run on exactly one
/// and fail over when it dies, and WatchRatings on one sees changes written through the other.
/// </summary>
public sealed class ReplicaTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoReplicasOnOneDatabase_ShareWritesOneLeaderFailsOverAndWatchersSeeBoth()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"kpi-replicas-{Guid.NewGuid():N}");
        await using var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(directory, Durable: false));
        var settings = new Dictionary<string, string> { ["ConnectionStrings__Kpi"] = cluster.ConnectionString() };
        try
        {
            await using var a = await ServiceProcess.StartAsync(settings, directory);
            await using var b = await ServiceProcess.StartAsync(settings, directory);

            // Writes through either are read through the other; a conflicting write through the other is refused.
            var created = await a.Http.PutAsJsonAsync("/api/v1/authorities/916/measures/re-referrals/figures/2021-09", new { numerator = 207, denominator = 967 });
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            (await b.Http.GetFromJsonAsync<JsonElement>("/api/v1/authorities/916/measures/re-referrals/ratings/2021-09")).GetProperty("numerator").GetDouble().ShouldBe(207);
            (await b.Http.PutAsJsonAsync("/api/v1/authorities/916/measures/re-referrals/targets/2021-04", new { target = 22.5, tolerance = 2.5 })).EnsureSuccessStatusCode();
            await WaitUntilAsync(async () => (await a.Http.GetFromJsonAsync<JsonElement>("/api/v1/authorities/916/measures/re-referrals/ratings/2021-09")).GetProperty("status").GetString() == "green");
            using (var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/authorities/916/measures/re-referrals/figures/2021-09") { Content = JsonContent.Create(new { numerator = 1, denominator = 2 }) })
            {
                (await a.Http.PutAsJsonAsync("/api/v1/authorities/916/measures/re-referrals/figures/2021-09", new { numerator = 208, denominator = 967 })).EnsureSuccessStatusCode();
                stale.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.Tag);
                (await b.Http.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
            }

            // A rating B has cached is refreshed when the figure changes through A (within the log-follow interval).
            (await b.Http.GetFromJsonAsync<JsonElement>("/api/v1/authorities/916/measures/re-referrals/ratings/2021-09")).GetProperty("numerator").GetDouble().ShouldBe(208);
            (await a.Http.PutAsJsonAsync("/api/v1/authorities/916/measures/re-referrals/figures/2021-09", new { numerator = 209, denominator = 967 })).EnsureSuccessStatusCode();
            var changedAt = DateTime.UtcNow;
            await WaitUntilAsync(async () => (await b.Http.GetFromJsonAsync<JsonElement>("/api/v1/authorities/916/measures/re-referrals/ratings/2021-09")).GetProperty("numerator").GetDouble() == 209);
            (DateTime.UtcNow - changedAt).ShouldBeLessThan(TimeSpan.FromSeconds(1));

            // Exactly one runs the async projections, and they catch up with writes from both.
            try { await WaitUntilAsync(async () => await LeaderAsync(a) ^ await LeaderAsync(b)); }
            catch (TimeoutException) { output.WriteLine($"A {await LeaderAsync(a)}:\n{a.Log}\nB {await LeaderAsync(b)}:\n{b.Log}"); throw; }
            (await LeaderAsync(a) && await LeaderAsync(b)).ShouldBeFalse();
            await WaitUntilAsync(async () => (await a.Http.GetFromJsonAsync<JsonElement>("/api/v1/activity")).GetProperty("activity").GetArrayLength() > 0);

            // WatchRatings on B sees a figure written through A.
            var (update, latency) = await WatchOnOneWriteOnOtherAsync(watchOn: b, writeThrough: a);
            update.Rating.Period.ShouldBe("2021-08");
            latency.ShouldBeLessThan(TimeSpan.FromSeconds(1));

            // The leader dies: the other takes over the projections and keeps serving.
            var (leader, follower) = await LeaderAsync(a) ? (a, b) : (b, a);
            leader.Kill();
            var killedAt = DateTime.UtcNow;
            await WaitUntilAsync(() => LeaderAsync(follower));
            var failover = DateTime.UtcNow - killedAt;
            (await follower.Http.PutAsJsonAsync("/api/v1/authorities/916/measures/re-referrals/figures/2021-07", new { numerator = 150, denominator = 700 })).StatusCode.ShouldBe(HttpStatusCode.Created);
            output.WriteLine($"replicas: watch latency across instances {latency.TotalMilliseconds:F0} ms; projection failover {failover.TotalSeconds:F1} s");
        }
        finally
        {
            await cluster.StopAsync(immediate: true);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<bool> LeaderAsync(ServiceProcess service)
    {
        try { return (await service.Http.GetFromJsonAsync<JsonElement>("/health/projections")).GetProperty("leader").GetBoolean(); }
        catch (HttpRequestException) { return false; }
    }

    private static async Task<(V1.RatingUpdate Update, TimeSpan Latency)> WatchOnOneWriteOnOtherAsync(ServiceProcess watchOn, ServiceProcess writeThrough)
    {
        using var grpc = new HttpClient();
        var request = new V1.WatchRatingsRequest { Authorities = { "E10000013" }, Measures = { "re-referrals" } };
        var body = new byte[5 + request.CalculateSize()];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(1), (uint)request.CalculateSize());
        request.ToByteArray().CopyTo(body, 5);
        var call = new HttpRequestMessage(HttpMethod.Post, $"http://{watchOn.GrpcAddress}/kpi.v1.Ratings/WatchRatings")
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent(body),
        };
        call.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
        call.Headers.Add("x-api-key", KestrelServiceFixture.AdminKey);
        call.Headers.Add("grpc-timeout", "20S");
        using var response = await grpc.SendAsync(call, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var written = DateTime.UtcNow;
        (await writeThrough.Http.PutAsJsonAsync("/api/v1/authorities/916/measures/re-referrals/figures/2021-08", new { numerator = 140, denominator = 640 })).EnsureSuccessStatusCode();
        var header = new byte[5];
        await stream.ReadExactlyAsync(header);
        var message = new byte[System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await stream.ReadExactlyAsync(message);
        return (V1.RatingUpdate.Parser.ParseFrom(message), DateTime.UtcNow - written);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in 30 s");
            await Task.Delay(200);
        }
    }
}
