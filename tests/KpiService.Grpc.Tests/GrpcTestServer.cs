using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KpiService.Grpc.Tests;

/// <summary>
/// A bare Kestrel host with the transport and three test methods built on the health messages: an echo, a
/// counter stream, and a call that waits until cancelled.
/// </summary>
public sealed class GrpcTestServer : IAsyncLifetime
{
    private WebApplication _app = null!;
    public HttpClient Client { get; } = new() { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        var services = new GrpcServices()
            .Unary<HealthCheckRequest, HealthCheckResponse>("test.Echo", "Echo", HealthCheckRequest.Parser, (request, call) =>
            {
                if (request.Service == "fail") throw new RpcException(StatusCode.FailedPrecondition, "nicht möglich: 100% kaputt");
                if (request.Service == "bug") throw new InvalidOperationException("a bug");
                call.ResponseTrailers["echo-metadata"] = call.Metadata("x-test") ?? "";
                return Task.FromResult(new HealthCheckResponse { Status = (HealthCheckResponse.Types.ServingStatus)request.Service.Length });
            })
            .ServerStreaming<HealthCheckRequest, HealthCheckResponse>("test.Echo", "Count", HealthCheckRequest.Parser, async (request, writer, _) =>
            {
                for (var i = 0; i < int.Parse(request.Service); i++) await writer.WriteAsync(new HealthCheckResponse { Status = (HealthCheckResponse.Types.ServingStatus)(i % 4) });
            })
            .Unary<HealthCheckRequest, HealthCheckResponse>("test.Echo", "Wait", HealthCheckRequest.Parser, async (_, call) =>
            {
                await Task.Delay(Timeout.Infinite, call.CancellationToken);
                return new HealthCheckResponse();
            })
            .AddHealth((_, _) => Task.FromResult(HealthCheckResponse.Types.ServingStatus.Serving))
            .AddReflection();
        builder.Services.AddSingleton(services).AddSingleton(new GrpcOptions { MaxReceiveMessageSize = 1024 });
        _app = builder.Build();
        _app.UseMiddleware<GrpcDispatcher>();
        await _app.StartAsync();
        Address = new Uri(_app.Urls.First());
    }

    public async Task<HttpResponseMessage> CallAsync(string path, byte[] body, string contentType = "application/grpc", Action<HttpRequestMessage>? configure = null)
    {
        // A hand-built request goes out as HTTP/1.1 unless told otherwise, whatever the client's defaults.
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, path))
        {
            Content = new ByteArrayContent(body), Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TE.ParseAdd("trailers");
        configure?.Invoke(request);
        return await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    public static byte[] Frame(byte[] payload, byte flag = 0)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static List<T> Messages<T>(byte[] body, MessageParser<T> parser) where T : IMessage<T>
    {
        var messages = new List<T>();
        for (var offset = 0; offset < body.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 1));
            messages.Add(parser.ParseFrom(body, offset + 5, length));
            offset += 5 + length;
        }
        return messages;
    }

    public static string? Status(HttpResponseMessage response) =>
        response.TrailingHeaders.TryGetValues("grpc-status", out var t) ? t.First()
        : response.Headers.TryGetValues("grpc-status", out var h) ? h.First() : null;

    public static string? Message(HttpResponseMessage response) =>
        response.TrailingHeaders.TryGetValues("grpc-message", out var t) ? t.First()
        : response.Headers.TryGetValues("grpc-message", out var h) ? h.First() : null;

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
