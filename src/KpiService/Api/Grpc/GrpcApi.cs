using KpiService.Features.Authorities;
using KpiService.Features.Measures;
using KpiService.Grpc;
using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using KpiService.Api.Rest;
using MediatR;
using Npgsql;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc;

/// <summary>
/// The gRPC face of the service: the kpi.v1 services (thin maps to the same MediatR requests as REST), health and
/// reflection; x-api-key authentication with REST's scopes; exceptions to status codes.
/// </summary>
public static class GrpcApi
{
    public static IServiceCollection AddGrpcApi(this IServiceCollection services)
    {
        var grpc = new GrpcServices().Describe(V1.KpiReflection.Descriptor);
        FiguresGrpc.Register(grpc);
        RatingsGrpc.Register(grpc);
        PeersGrpc.Register(grpc);
        grpc.Unary<V1.ListAuthoritiesRequest, V1.AuthorityList>("kpi.v1.ReferenceData", "ListAuthorities", V1.ListAuthoritiesRequest.Parser, async (request, call) =>
                ProtoJson.To<V1.AuthorityList>(new { authorities = await Send(call, new ListAuthorities.Query(request.IncludeFormer)) }))
            .Unary<V1.ListMeasuresRequest, V1.MeasureList>("kpi.v1.ReferenceData", "ListMeasures", V1.ListMeasuresRequest.Parser, async (request, call) =>
                ProtoJson.To<V1.MeasureList>(new { measures = await Send(call, new ListMeasures.Query(ProtoJson.Text(request.Area))) }));
        grpc.AddHealth(async (service, call) =>
        {
            if (service.Length > 0 && !grpc.ServiceNames.Contains(service)) return global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.ServiceUnknown;
            var report = await call.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>()
                .CheckHealthAsync(check => check.Tags.Contains("ready"), call.CancellationToken);
            return report.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                ? global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving
                : global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing;
        }).AddReflection();

        services.AddSingleton(grpc);
        services.AddSingleton(sp => new GrpcOptions
        {
            BeforeCall = (call, method) => Authenticate(call, method, sp),
            MapException = (exception, _) => Map(exception),
        });
        return services;
    }

    public static Task<T> Send<T>(CallContext call, IRequest<T> request) =>
        call.Services.GetRequiredService<IMediator>().Send(request, call.CancellationToken);

    // Health and reflection stay open, as generic tools expect; every kpi.v1 call needs a key.
    private static Task Authenticate(CallContext call, Method method, IServiceProvider services)
    {
        if (!method.Service.StartsWith("kpi.", StringComparison.Ordinal)) return Task.CompletedTask;
        var client = call.Services.GetRequiredService<CurrentClient>();
        client.CorrelationId = call.Metadata("x-correlation-id") ?? call.HttpContext.TraceIdentifier;
        var key = call.Metadata("x-api-key") ?? "";
        var source = call.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var check = services.GetRequiredService<KeyChecker>().Check(key, source, client, out var wait);
        if (check == KeyCheck.Throttled) throw new RpcException(StatusCode.ResourceExhausted, $"{KeyChecker.Explain(check)} ({wait.TotalSeconds:F0} s)");
        if (check != KeyCheck.Accepted)
            throw new RpcException(StatusCode.Unauthenticated, check == KeyCheck.Missing ? "Send an API key in the x-api-key metadata." : KeyChecker.Explain(check).Replace("X-Api-Key", "x-api-key"));
        if (!services.GetRequiredService<ClientRateLimiter>().TryAcquire(client.Id!, out var retryAfter))
            throw new RpcException(StatusCode.ResourceExhausted, $"Rate limit exceeded; retry after {retryAfter.TotalSeconds:F1} s.");
        return Task.CompletedTask;
    }

    public static RpcException? Map(Exception exception) => exception switch
    {
        ValidationFailedException v => RpcException.InvalidArgument(v.Message, v.Errors.SelectMany(e => e.Value.Select(m => (e.Key, m)))),
        NotFoundException => new RpcException(StatusCode.NotFound, exception.Message),
        ConflictException => new RpcException(StatusCode.Aborted, exception.Message),
        _ when StoreFailures.IsConflict(exception) => new RpcException(StatusCode.Aborted, "Another writer changed this at the same moment; nothing was stored."),
        PreconditionFailedException or RuleViolatedException => new RpcException(StatusCode.FailedPrecondition, exception.Message),
        UnauthenticatedException => new RpcException(StatusCode.Unauthenticated, exception.Message),
        ForbiddenException => new RpcException(StatusCode.PermissionDenied, exception.Message),
        _ when StoreFailures.IsUnavailable(exception) => new RpcException(StatusCode.Unavailable, "The database is unavailable just now; nothing was stored. Retry shortly."),
        _ => null,
    };
}
