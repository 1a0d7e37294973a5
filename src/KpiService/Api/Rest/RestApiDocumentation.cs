using System.Reflection;
using KpiService.Api.OpenApi;
using Microsoft.OpenApi;

namespace KpiService.Api.Rest;

/// <summary>
/// The OpenAPI document and Swagger UI. What every operation says is decided by the conventions in Api/OpenApi, so an
/// endpoint written the house way (a use case mapping its own endpoint) is documented without a word here.
/// </summary>
public static class RestApiDocumentation
{
    public static IServiceCollection AddRestApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "KpiService",
                Version = "v1",
                Description = "Children's social care KPIs for English local authorities: submit monthly figures and returns, read ratings, " +
                              "scorecards and SPC charts, compare with statistical neighbours, region and England.\n\n" +
                              "Authorities may be named by GSS code (E10000013) or LA number (916). Periods are months (2021-09), financial " +
                              "quarters (2021-22-Q2) and financial years (2021-22). Every request under /api carries an X-Api-Key (Authorize). " +
                              "Every answer carries X-Correlation-Id, the W3C trace id of the request; problems are RFC 9457 documents with the same id as traceId.",
            });
            options.CustomSchemaIds(SchemaIds.For);
            // The contract is /api/v1. Health endpoints are for the platform, not for client systems (docs/api.md lists them).
            options.DocInclusionPredicate((_, api) => api.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
            // Periods travel as text (ApiJson's PeriodConverter), not as the struct's properties.
            options.MapType<Domain.Periods.Period>(SchemaConventions.PeriodSchema);
            options.MapType<Domain.Periods.Period?>(SchemaConventions.PeriodSchema);
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.AddSecurityDefinition("ApiKey", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyMiddleware.Header,
                Description = "An API key issued by POST /api/v1/clients (or the operator's admin key, in .kpi-data/admin-key.txt by default).",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml)) options.IncludeXmlComments(xml);
            // Order matters: names and parameters, then statuses and headers, then examples (which need the final responses).
            options.OperationFilter<OperationConventions>();
            options.OperationFilter<ResponseConventions>();
            options.OperationFilter<ExampleConventions>();
            options.SchemaFilter<SchemaConventions>();
            options.DocumentFilter<DocumentConventions>();
        });
        return services;
    }

    public static WebApplication UseRestApiDocumentation(this WebApplication app)
    {
        // Only requests under /swagger pass through Swashbuckle's middleware: on every other request its route-template
        // match cost about 2 % of the CPU of a cached rating read (perf, wrk -c64).
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger", StringComparison.Ordinal), swagger =>
        {
            swagger.UseSwagger();
            swagger.UseSwaggerUI(options =>
            {
                options.SwaggerEndpoint("/swagger/v1/swagger.json", "KpiService v1");
                // Deep links (/swagger#/Figures/SubmitFigure) open one operation: docs and support answers can point at it.
                options.EnableDeepLinking();
                options.DisplayOperationId();
            });
        });
        return app;
    }
}
