using System.IO.Compression;
using Grpc.AspNetCore.Server;
using KpiService.Api.Grpc.Services;

namespace KpiService.Api.Grpc;

/// <summary>
/// The gRPC face of the service on Grpc.AspNetCore: the kpi.v1 services (thin maps to the same MediatR requests as
/// REST), the standard health service, server reflection and gRPC-Web. <see cref="KpiInterceptor"/> does what
/// every call shares: x-api-key authentication with REST's scopes, the rate limit, and exceptions to status codes.
/// </summary>
public static class GrpcApi
{
    /// <summary>gRPC's usual default: a figure, a query or a reply is a few KB at most.</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>Every kpi.v1 service, for mapping, health and the parity test.</summary>
    public static readonly Type[] Services =
    [
        typeof(FiguresService), typeof(RatingsService), typeof(PeersService), typeof(ReferenceDataService),
        typeof(TargetsService), typeof(CatalogueService), typeof(AdministrationService),
    ];

    public static IServiceCollection AddGrpcApi(this IServiceCollection services, IConfiguration configuration)
    {
        // Returns and benchmark files are uploads: they get REST's upload limit, as POST …/returns and /benchmarks do.
        var uploadBytes = (int)Math.Min(int.MaxValue, configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 16 * 1024 * 1024);
        // One interceptor for every call (its parts are singletons): resolved from DI rather than built per call.
        services.AddSingleton<KpiInterceptor>();
        services.AddGrpc(options =>
            {
                options.Interceptors.Add<KpiInterceptor>();
                options.MaxReceiveMessageSize = MaxMessageBytes;
                options.MaxSendMessageSize = uploadBytes;
                // gzip both ways: requests compressed with gzip are read, and replies are compressed for clients that
                // accept gzip (the hot single-rating reply opts out: a few hundred bytes do not repay the CPU).
                options.ResponseCompressionAlgorithm = "gzip";
                options.ResponseCompressionLevel = CompressionLevel.Fastest;
            })
            .AddServiceOptions<FiguresService>(options => options.MaxReceiveMessageSize = uploadBytes)
            .AddServiceOptions<PeersService>(options => options.MaxReceiveMessageSize = uploadBytes);
        services.AddGrpcReflection();
        // grpc.health.v1.Health answers from the same readiness checks as /health/ready (PostgreSQL answers), for the
        // whole server ("") and for each kpi.v1 service by name.
        services.AddGrpcHealthChecks(options =>
        {
            options.Services.Clear();
            foreach (var name in ServiceNames().Prepend(""))
                options.Services.Map(name, result => result.Tags.Contains("ready"));
        });
        return services;
    }

    public static void MapGrpcApi(this WebApplication app)
    {
        // gRPC-Web (application/grpc-web, -web-text) for browsers: every gRPC endpoint answers it too.
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapGrpcService<FiguresService>();
        app.MapGrpcService<RatingsService>();
        app.MapGrpcService<PeersService>();
        app.MapGrpcService<ReferenceDataService>();
        app.MapGrpcService<TargetsService>();
        app.MapGrpcService<CatalogueService>();
        app.MapGrpcService<AdministrationService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
    }

    /// <summary>The full names of the kpi.v1 services (kpi.v1.Figures…), read from the generated descriptors.</summary>
    public static IEnumerable<string> ServiceNames() =>
        Descriptors().SelectMany(file => file.Services).Select(service => service.FullName);

    public static IEnumerable<Google.Protobuf.Reflection.FileDescriptor> Descriptors() =>
    [
        V1.FiguresReflection.Descriptor, V1.RatingsReflection.Descriptor, V1.PeersReflection.Descriptor, V1.ReferenceDataReflection.Descriptor,
        V1.TargetsReflection.Descriptor, V1.CatalogueReflection.Descriptor, V1.AdministrationReflection.Descriptor,
    ];
}
