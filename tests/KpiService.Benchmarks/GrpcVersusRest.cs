using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Google.Protobuf;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Benchmarks;

/// <summary>
/// The same rating read over gRPC (kpi.v1.Ratings/GetRating, h2c) and REST (GET …/ratings/{period}), from the same .NET
/// load generator at 64 concurrent calls. Rounds alternate (gRPC, REST, gRPC, REST…) so that load from anything
/// else on the machine falls on both alike; each side's figure is its total over its rounds.
/// </summary>
public static class GrpcVersusRest
{
    public static async Task<(double GrpcPerSecond, double RestPerSecond)> RunAsync(Service service, HttpClient rest, string laNumber, TimeSpan duration, int rounds = 2)
    {
        // A raw HTTP/2 client that frames the message itself: no gRPC library's own costs on either side of the ratio.
        using var grpcClient = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
        var ratingRequest = new V1.GetRatingRequest { Authority = laNumber, Measure = "re-referrals", Period = "2021-09" };
        var frame = new byte[5 + ratingRequest.CalculateSize()];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)ratingRequest.CalculateSize());
        ratingRequest.ToByteArray().CopyTo(frame, 5);
        var ratingUrl = $"/api/v1/authorities/{laNumber}/measures/re-referrals/ratings/2021-09";
        var slice = duration / rounds;
        long grpcCalls = 0, restCalls = 0;
        double grpcSeconds = 0, restSeconds = 0;
        for (var round = 0; round < rounds; round++)
        {
            var grpc = await Load.RunAsync(64, slice, async (_, _) =>
            {
                var call = new HttpRequestMessage(HttpMethod.Post, service.Grpc + "/kpi.v1.Ratings/GetRating")
                {
                    Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent(frame),
                };
                call.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
                call.Headers.Add("x-api-key", Service.Key);
                using var response = await grpcClient.SendAsync(call);
                await response.Content.ReadAsByteArrayAsync();
                return response.TrailingHeaders.TryGetValues("grpc-status", out var status) && status.First() == "0";
            });
            var plain = await Load.RunAsync(64, slice, async (_, _) =>
            {
                using var response = await rest.GetAsync(ratingUrl);
                await response.Content.ReadAsByteArrayAsync();
                return response.IsSuccessStatusCode;
            });
            if (grpc.Errors > 0 || plain.Errors > 0) throw new InvalidOperationException($"errors: gRPC {grpc.Errors}, REST {plain.Errors}");
            (grpcCalls, grpcSeconds, restCalls, restSeconds) = (grpcCalls + grpc.Operations, grpcSeconds + grpc.Seconds, restCalls + plain.Operations, restSeconds + plain.Seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round + 1}: gRPC {grpc.PerSecond:N0} req/s, REST {plain.PerSecond:N0} req/s"));
        }
        return (grpcCalls / grpcSeconds, restCalls / restSeconds);
    }
}
