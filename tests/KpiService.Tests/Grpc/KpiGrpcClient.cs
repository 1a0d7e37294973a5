using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using KpiService.Api.Grpc;

namespace KpiService.Tests.Grpc;

/// <summary>
/// A .NET client of the kpi.v1 services on Grpc.Net.Client. The service assembly compiles the protos with server bases
/// only, so each call is declared here from the generated descriptors — what a generated client does — and a call whose
/// messages do not match the method's descriptor fails before it is sent.
/// </summary>
public sealed class KpiGrpcClient(GrpcChannel channel, string? apiKey)
{
    private static readonly Marshaller<IMessage> Requests = Marshallers.Create<IMessage>(m => m.ToByteArray(), _ => throw new NotSupportedException());

    public GrpcChannel Channel { get; } = channel;

    /// <summary>A channel to the service on TestServer (in process), or to a real socket address.</summary>
    public static KpiGrpcClient InProcess(Microsoft.AspNetCore.TestHost.TestServer server, string? apiKey) =>
        new(GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() }), apiKey);

    public static KpiGrpcClient Socket(string address, string? apiKey) => new(GrpcChannel.ForAddress("http://" + address), apiKey);

    /// <summary>One unary call: <paramref name="method"/> is "Service/Method" of package kpi.v1 (e.g. "Figures/SubmitFigure").</summary>
    public async Task<TResponse> Call<TResponse>(string method, IMessage request, Metadata? headers = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TResponse : class, IMessage<TResponse>, new() =>
        await Channel.CreateCallInvoker().AsyncUnaryCall(Declare<TResponse>(method, MethodType.Unary, request), null, Options(headers, timeout, cancellationToken), request);

    public AsyncServerStreamingCall<TResponse> Stream<TResponse>(string method, IMessage request, Metadata? headers = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TResponse : class, IMessage<TResponse>, new() =>
        Channel.CreateCallInvoker().AsyncServerStreamingCall(Declare<TResponse>(method, MethodType.ServerStreaming, request), null, Options(headers, timeout, cancellationToken), request);

    private CallOptions Options(Metadata? headers, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var metadata = headers ?? [];
        if (apiKey is not null && metadata.Get("x-api-key") is null) metadata.Add("x-api-key", apiKey);
        return new CallOptions(metadata, timeout is { } t ? DateTime.UtcNow + t : null, cancellationToken);
    }

    private static Method<IMessage, TResponse> Declare<TResponse>(string method, MethodType type, IMessage request) where TResponse : class, IMessage<TResponse>, new()
    {
        var (service, name) = (method.Split('/')[0], method.Split('/')[1]);
        var descriptor = GrpcApi.Descriptors().SelectMany(f => f.Services).Single(s => s.Name == service).FindMethodByName(name)
            ?? throw new ArgumentException($"kpi.v1.{service} has no method {name}.");
        if (descriptor.InputType.ClrType != request.GetType() || descriptor.OutputType.ClrType != typeof(TResponse))
            throw new ArgumentException($"{method} takes {descriptor.InputType.Name} and answers {descriptor.OutputType.Name}.");
        var parser = new MessageParser<TResponse>(() => new TResponse());
        return new Method<IMessage, TResponse>(type, descriptor.Service.FullName, name, Requests, Marshallers.Create(m => m.ToByteArray(), parser.ParseFrom));
    }
}
