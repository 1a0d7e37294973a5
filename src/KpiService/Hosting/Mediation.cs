using System.Reflection;
using FluentValidation;
using KpiService.Common;
using MediatR;

namespace KpiService.Hosting;

/// <summary>
/// MediatR 5.1 has no AddMediatR: register the mediator, every handler and validator of this assembly, and the
/// validation behaviour, with a short scan.
/// </summary>
public static class Mediation
{
    public static IServiceCollection AddMediation(this IServiceCollection services, Assembly assembly)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>) || definition == typeof(IValidator<>) || definition == typeof(INotificationHandler<>))
                    services.AddScoped(contract, type);
            }
        return services;
    }
}

/// <summary>Runs every validator of a request and reports all their problems at once, before the handler runs.</summary>
public sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
            failures.AddRange((await validator.ValidateAsync(request, cancellationToken)).Errors);
        if (failures.Count > 0)
            throw ValidationFailedException.Of(failures.Select(f => (Field(f.PropertyName), f.ErrorMessage)));
        return await next();
    }

    private static string Field(string property) =>
        string.Join('.', property.Split('.').Select(p => p.Length > 0 ? char.ToLowerInvariant(p[0]) + p[1..] : p));
}
