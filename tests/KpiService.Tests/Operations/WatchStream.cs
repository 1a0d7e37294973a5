using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Tests.Operations;

/// <summary>A WatchRatings call held open over real HTTP/2, read frame by frame until the server ends it.</summary>
public sealed class WatchStream : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;

    public int Updates { get; private set; }

    private WatchStream(HttpClient http, HttpResponseMessage response, Stream body) => (_http, _response, _body) = (http, response, body);

    public static async Task<WatchStream> OpenAsync(string grpcAddress, string apiKey, params string[] authorities)
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var request = new V1.WatchRatingsRequest { Authorities = { authorities } };
        var body = new byte[5 + request.CalculateSize()];
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(1), (uint)request.CalculateSize());
        request.ToByteArray().CopyTo(body, 5);
        var call = new HttpRequestMessage(HttpMethod.Post, $"http://{grpcAddress}/kpi.v1.Ratings/WatchRatings")
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent(body),
        };
        call.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
        call.Headers.Add("x-api-key", apiKey);
        call.Headers.Add("te", "trailers");
        var response = await http.SendAsync(call, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new WatchStream(http, response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>Reads updates until the server ends the stream; returns its grpc-status (null if the connection broke instead).</summary>
    public async Task<string?> ReadToEndAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var header = new byte[5];
        try
        {
            while (true)
            {
                var read = await _body.ReadAtLeastAsync(header, 5, throwOnEndOfStream: false, timeout.Token);
                if (read == 0) break;
                if (read < 5) return null;
                var message = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
                await _body.ReadExactlyAsync(message, timeout.Token);
                V1.RatingUpdate.Parser.ParseFrom(message);
                Updates++;
            }
        }
        catch (IOException)
        {
            return null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        return _response.TrailingHeaders.TryGetValues("grpc-status", out var status) ? status.First()
            : _response.Headers.TryGetValues("grpc-status", out var early) ? early.First() : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _body.DisposeAsync();
        _response.Dispose();
        _http.Dispose();
    }
}
