using Grpc.Core;
using Grpc.Core.Interceptors;
using KpiService.Api.Rest;
using KpiService.Features.Access;

namespace KpiService.Api.Grpc;

/// <summary>
/// Runs around every gRPC call. kpi.v1 calls need an API key in <c>x-api-key</c> (health and reflection stay open,
/// as generic tools expect): the client is signed in for the call, as REST's <see cref="ApiKeyMiddleware"/> does,
/// and its rate limit applies; every string of the request must be text (<see cref="RequestText"/>). Whatever a use case
/// throws leaves as a status code (<see cref="GrpcErrors"/>).
/// </summary>
public sealed class KpiInterceptor(KeyChecker keys, ClientRateLimiter limiter, ILogger<KpiInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        SignIn(context);
        try
        {
            RequestText.Check((Google.Protobuf.IMessage)request);
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException && GrpcErrors.Map(e, context, logger) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        SignIn(context);
        try
        {
            RequestText.Check((Google.Protobuf.IMessage)request);
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException && GrpcErrors.Map(e, context, logger) is { } status)
        {
            throw status;
        }
    }

    // Client and duplex streaming: only reflection uses them, and it is open; a kpi.v1 method of that kind would
    // still need a key.
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        SignIn(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        SignIn(context);
        return continuation(requestStream, responseStream, context);
    }

    private void SignIn(ServerCallContext context)
    {
        if (!context.Method.StartsWith("/kpi.", StringComparison.Ordinal)) return;
        var http = context.GetHttpContext();
        var client = http.RequestServices.GetRequiredService<CurrentClient>();
        var correlation = context.RequestHeaders.GetValue("x-correlation-id");
        client.CorrelationId = correlation is { Length: > 0 and <= 100 } ? correlation : http.TraceIdentifier;
        var key = context.RequestHeaders.GetValue("x-api-key") ?? "";
        var source = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var wait = TimeSpan.Zero;
        // Already signed in by a bearer token (Hosting/BearerSignIn runs before both transports).
        switch (client.IsAuthenticated ? KeyCheck.Accepted : keys.Check(key, source, client, out wait))
        {
            case KeyCheck.Accepted: break;
            case KeyCheck.Throttled:
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"{KeyChecker.Explain(KeyCheck.Throttled)} ({Math.Ceiling(wait.TotalSeconds)} s)"));
            case KeyCheck.Missing:
                throw new RpcException(new Status(StatusCode.Unauthenticated, "Send an API key in the x-api-key metadata."));
            case var refused:
                throw new RpcException(new Status(StatusCode.Unauthenticated, KeyChecker.Explain(refused).Replace("X-Api-Key", "x-api-key")));
        }
        if (!limiter.TryAcquire(client.Id!, out var retryAfter))
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Rate limit exceeded; retry after {Math.Max(0.1, retryAfter.TotalSeconds):F1} s."));
    }
}
