using System.Reflection;
using KpiService.Features.Access;
using Microsoft.OpenApi;

namespace KpiService.Api.Rest;

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
                Description = "Children's social care KPIs for English local authorities: submit monthly figures, read ratings, compare with peers. " +
                              "Authorities may be named by GSS code (E10000013) or LA number (916). Use Authorize with an X-Api-Key.",
            });
            // Use cases nest their Body and Command types: name schemas after the use case (SetTargetBody, not Body).
            options.CustomSchemaIds(type => type.IsNested ? type.DeclaringType!.Name + type.Name : type.Name);
            options.AddSecurityDefinition("ApiKey", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyMiddleware.Header,
                Description = "An API key issued by POST /api/v1/clients (or the admin key).",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml)) options.IncludeXmlComments(xml);
        });
        return services;
    }

    public static WebApplication UseRestApiDocumentation(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/swagger/v1/swagger.json", "KpiService v1"));
        return app;
    }
}
