namespace KpiService.Api.OpenApi;

/// <summary>
/// Schema names a generated client turns into type names: a use case's nested record keeps its own name
/// (<c>GetScorecard.Scorecard</c> is <c>Scorecard</c>), prefixed with the use case only where the name alone says
/// nothing or is taken (<c>SubmitFigure.Body</c> is <c>SubmitFigureBody</c>).
/// </summary>
public static class SchemaIds
{
    private static readonly HashSet<string> Generic = ["Body", "Command", "Query", "Request", "Result", "Response", "Entry", "Item"];

    private static readonly Lazy<ILookup<string, Type>> ByName = new(() =>
        typeof(SchemaIds).Assembly.GetTypes().Concat(typeof(Domain.Figures.FieldProblem).Assembly.GetTypes())
            .Where(t => t.IsPublic || t.IsNestedPublic).ToLookup(t => t.Name.Split('`')[0]));

    public static string For(Type type)
    {
        var name = type.Name.Split('`')[0];
        if (type.IsGenericType) name += string.Concat(type.GetGenericArguments().Select(For));
        if (!type.IsNested) return name;
        var taken = ByName.Value[name].Any(other => other != type);
        return Generic.Contains(name) || taken ? For(type.DeclaringType!) + name : name;
    }
}
