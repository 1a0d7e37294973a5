using System.Reflection;
using FluentValidation;
using FluentValidation.Validators;

namespace KpiService.Api.OpenApi;

/// <summary>
/// What a use case's validator insists on: the properties it requires without condition (NotNull / NotEmpty without
/// When), on the request itself or on its body. The request records are all-nullable so that a missing value is named
/// in a 400 rather than failing to bind; the document says required where the validator does.
/// </summary>
public static class ValidatorRequirements
{
    public static IReadOnlyList<PropertyInfo> Of(IServiceScopeFactory scopes, Type? request)
    {
        if (request is null) return [];
        using var scope = scopes.CreateScope();
        if (scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(request)) is not IValidator validator) return [];
        return
        [
            .. validator.CreateDescriptor().Rules
                .Where(rule => rule.Member is PropertyInfo
                               && rule.Components.Any(c => c.Validator is INotNullValidator or INotEmptyValidator && !c.HasCondition && !c.HasAsyncCondition))
                .Select(rule => (PropertyInfo)rule.Member),
        ];
    }
}
