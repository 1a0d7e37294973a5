using System.Reflection;
using NetArchTest.Rules;

namespace KpiService.Tests.Architecture;

/// <summary>
/// The layers point one way — Hosting and Api → Features → ReadModels → Domain (Common from anywhere) — and a use case
/// never uses another use case: what several need is a read model or a domain rule. The domain project cannot
/// reference the host at all (the compiler enforces that); these tests enforce the rest on the built assembly.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Service = typeof(ServerAssembly).Assembly;

    public static TheoryData<string, string[]> Layers => new()
    {
        { "KpiService.Common", ["KpiService.ReadModels", "KpiService.Features", "KpiService.Api", "KpiService.Hosting"] },
        { "KpiService.ReadModels", ["KpiService.Features", "KpiService.Api", "KpiService.Hosting"] },
        { "KpiService.Features", ["KpiService.Api", "KpiService.Hosting"] },
        // Hosting wires the API in; the API must not reach back into the wiring, or the two would form a cycle.
        { "KpiService.Api", ["KpiService.Hosting"] },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void ALowerLayer_NeverUsesAHigherOne(string layer, string[] higher)
    {
        var result = Types.InAssembly(Service).That().ResideInNamespace(layer).Should().NotHaveDependencyOnAny(higher).GetResult();
        (result.FailingTypes?.Select(t => t.FullName) ?? []).ShouldBeEmpty($"{layer} must not use {string.Join(", ", higher)}");
    }

    [Fact]
    public void AUseCase_NeverUsesAnotherUseCase()
    {
        var useCases = UseCases().ToList();
        useCases.Count.ShouldBeGreaterThan(25); // the scan finds the use cases, so the rule below is not vacuous
        var failures = new List<string>();
        foreach (var useCase in useCases)
        {
            // Another use case is the class itself or anything nested in it ("+"), never a class whose name merely starts alike.
            var others = useCases.Where(u => u != useCase).Select(u => u.FullName!).ToHashSet();
            var result = Types.InAssembly(Service).That().MeetCustomRule(t => t.FullName == useCase.FullName || t.FullName.StartsWith(useCase.FullName + "/", StringComparison.Ordinal))
                .Should().NotHaveDependencyOnAny([.. others]).GetResult();
            failures.AddRange((result.FailingTypes ?? []).Select(t => $"{t.FullName} uses another use case"));
        }
        failures.ShouldBeEmpty();
    }

    [Fact]
    public void EveryUseCase_AnswersANamedType()
    {
        var untyped = UseCases()
            .SelectMany(u => u.GetNestedTypes())
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(MediatR.IRequest<>)).Select(i => (Request: t, Answer: i.GetGenericArguments()[0])))
            .Where(r => r.Answer == typeof(object) || (r.Answer.IsGenericType && r.Answer.GetGenericArguments().Contains(typeof(object))))
            .Select(r => r.Request.FullName).ToList();
        untyped.ShouldBeEmpty();
    }

    /// <summary>A use case is a static class in Features with a nested Handler (request, validator, handler, endpoint in one file).</summary>
    private static IEnumerable<Type> UseCases() => Service.GetTypes()
        .Where(t => t is { IsAbstract: true, IsSealed: true, IsNested: false } && t.Namespace?.StartsWith("KpiService.Features", StringComparison.Ordinal) == true
                    && t.GetNestedType("Handler") is not null);
}
