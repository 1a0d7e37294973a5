using Grpc.Health.V1;

namespace KpiService.Grpc;

/// <summary><c>grpc.health.v1.Health</c>: Check and Watch, answered from a probe the host supplies.</summary>
public static class Health
{
    public const string Service = "grpc.health.v1.Health";

    public static GrpcServices AddHealth(this GrpcServices services, Func<string, CallContext, Task<HealthCheckResponse.Types.ServingStatus>> probe) =>
        services.Describe(HealthReflection.Descriptor)
            .Unary<HealthCheckRequest, HealthCheckResponse>(Service, "Check", HealthCheckRequest.Parser, async (request, context) =>
            {
                var status = await probe(request.Service, context);
                if (status == HealthCheckResponse.Types.ServingStatus.ServiceUnknown)
                    throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");
                return new HealthCheckResponse { Status = status };
            })
            .ServerStreaming<HealthCheckRequest, HealthCheckResponse>(Service, "Watch", HealthCheckRequest.Parser, async (request, writer, context) =>
            {
                // Send the status now and again whenever it changes, until the client goes away.
                HealthCheckResponse.Types.ServingStatus? last = null;
                while (!context.CancellationToken.IsCancellationRequested)
                {
                    var status = await probe(request.Service, context);
                    if (status != last) await writer.WriteAsync(new HealthCheckResponse { Status = status });
                    last = status;
                    await Task.Delay(TimeSpan.FromSeconds(1), context.CancellationToken);
                }
            });
}
