using KpiService.Domain.Figures;
using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Catalogue;

/// <summary>What a client with the <c>catalogue</c> scope for an authority asks of that authority's catalogue.</summary>
public abstract record CatalogueCommand;

/// <summary>Define or redefine a local measure; <c>Measure.Id</c> is the slug from the path (or the qualified id).</summary>
public sealed record DefineLocalMeasure(Measure Measure) : CatalogueCommand;

/// <summary>Give a national measure the authority's own code and title; blanks clear them.</summary>
public sealed record SetLocalName(string MeasureId, string? Code, string? Title) : CatalogueCommand;

/// <summary>Set the authority's performance-group bands for a measure it sees; null returns to the measure's own.</summary>
public sealed record SetPerformanceGroups(string MeasureId, IReadOnlyList<PerformanceGroupBand>? Bands) : CatalogueCommand;

public sealed record SetLabelScheme(IReadOnlyDictionary<RagStatus, StatusLabel> Labels) : CatalogueCommand;

/// <summary>
/// What the handler loads before deciding: the national catalogue, and which of this authority's measures already
/// have figures (a unit cannot change under them).
/// </summary>
public sealed record CatalogueFacts(IReadOnlyDictionary<string, Measure> NationalMeasures, IReadOnlySet<string> MeasuresWithFigures);

/// <summary>Decide for one authority's catalogue: pure, so every rule is tested without a database.</summary>
public static class CatalogueDecider
{
    public static Decision<CatalogueEvent> Decide(AuthorityCatalogue state, CatalogueCommand command, CatalogueFacts facts) => command switch
    {
        DefineLocalMeasure define => Define(state, define.Measure, facts),
        SetLocalName name => Name(state, name, facts),
        SetPerformanceGroups groups => Groups(state, groups, facts),
        SetLabelScheme labels => Labels(state, labels.Labels),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown catalogue command"),
    };

    private static Decision<CatalogueEvent> Define(AuthorityCatalogue state, Measure proposed, CatalogueFacts facts)
    {
        var problems = new List<FieldProblem>();
        var id = LocalMeasureIds.ForAuthority(state.LaNumber, proposed.Id);
        if (id is null)
            problems.Add(new("id", LocalMeasureIds.TryParse(proposed.Id, out var owner, out _)
                ? $"'{proposed.Id}' belongs to authority {owner}: a council defines only its own measures."
                : $"'{proposed.Id}' must be lower-case words joined by hyphens (URL-safe, at most {LocalMeasureIds.MaxSlugLength} characters), e.g. cic-sdq-up-to-date."));
        else if (LocalMeasureIds.TryParse(id, out _, out var slug) && facts.NationalMeasures.ContainsKey(slug))
            problems.Add(new("id", $"'{slug}' is a national measure: give it a local code or title instead of defining it again."));
        problems.AddRange(LocalMeasureRules.Check(proposed));
        problems.AddRange(PerformanceGroupRules.Check(proposed, proposed.PerformanceGroups));
        var code = PlainText.NullIfBlank(proposed.Code);
        var view = AuthorityView.Of(facts.NationalMeasures.Values, state);
        if (code is not null && view.CodeHolder(code, id) is { } holder)
            problems.Add(new("code", $"'{code}' already names '{holder.Id}' in this authority's catalogue."));
        var existing = id is null ? null : state.LocalMeasures.GetValueOrDefault(id);
        if (existing is not null && LocalMeasureRules.UnitChange(existing, proposed, facts.MeasuresWithFigures.Contains(existing.Id)) is { } unit)
            problems.Add(unit);
        if (problems.Count > 0) return Decision<CatalogueEvent>.Reject(problems);

        var title = proposed.Title.Trim();
        var defined = proposed with { Id = id!, Code = code, Title = title, Definition = PlainText.NullIfBlank(proposed.Definition) ?? title, Area = proposed.Area.Trim() };
        return existing is not null && LocalMeasureRules.SameDefinition(existing, defined)
            ? Decision<CatalogueEvent>.Nothing
            : Decision<CatalogueEvent>.Append(new LocalMeasureDefined(state.LaNumber, defined));
    }

    private static Decision<CatalogueEvent> Name(AuthorityCatalogue state, SetLocalName command, CatalogueFacts facts)
    {
        if (!facts.NationalMeasures.ContainsKey(command.MeasureId))
            return Decision<CatalogueEvent>.Reject("measure", state.LocalMeasures.ContainsKey(LocalMeasureIds.ForAuthority(state.LaNumber, command.MeasureId) ?? "")
                ? $"'{command.MeasureId}' is this authority's own measure: redefine it to change its code or title."
                : $"'{command.MeasureId}' is not a national measure.");
        var problems = new List<FieldProblem>();
        PlainText.Check(problems, "code", command.Code, LocalMeasureRules.MaxCode, required: false);
        PlainText.Check(problems, "title", command.Title, LocalMeasureRules.MaxTitle, required: false);
        var code = PlainText.NullIfBlank(command.Code);
        var title = PlainText.NullIfBlank(command.Title);
        if (code is not null && AuthorityView.Of(facts.NationalMeasures.Values, state).CodeHolder(code, command.MeasureId) is { } holder)
            problems.Add(new("code", $"'{code}' already names '{holder.Id}' in this authority's catalogue."));
        if (problems.Count > 0) return Decision<CatalogueEvent>.Reject(problems);

        var current = state.LocalNames.GetValueOrDefault(command.MeasureId) ?? new LocalName(null, null);
        return current == new LocalName(code, title)
            ? Decision<CatalogueEvent>.Nothing
            : Decision<CatalogueEvent>.Append(new LocalNameSet(state.LaNumber, command.MeasureId, code, title));
    }

    private static Decision<CatalogueEvent> Groups(AuthorityCatalogue state, SetPerformanceGroups command, CatalogueFacts facts)
    {
        var measure = facts.NationalMeasures.GetValueOrDefault(command.MeasureId)
            ?? state.LocalMeasures.GetValueOrDefault(LocalMeasureIds.ForAuthority(state.LaNumber, command.MeasureId) ?? "");
        if (measure is null)
            return Decision<CatalogueEvent>.Reject("measure", $"'{command.MeasureId}' is not a measure in this authority's catalogue.");
        var problems = PerformanceGroupRules.Check(measure, command.Bands);
        if (problems.Count > 0) return Decision<CatalogueEvent>.Reject(problems);
        var bands = command.Bands is null ? null : (IReadOnlyList<PerformanceGroupBand>)[.. command.Bands];
        return LocalMeasureRules.SameBands(state.PerformanceGroups.GetValueOrDefault(measure.Id), bands)
            ? Decision<CatalogueEvent>.Nothing
            : Decision<CatalogueEvent>.Append(new PerformanceGroupsSet(state.LaNumber, measure.Id, bands));
    }

    private static Decision<CatalogueEvent> Labels(AuthorityCatalogue state, IReadOnlyDictionary<RagStatus, StatusLabel> labels)
    {
        var problems = LabelSchemeRules.Check(labels);
        if (problems.Count > 0) return Decision<CatalogueEvent>.Reject(problems);
        var normalised = labels.ToDictionary(l => l.Key, l => new StatusLabel(l.Value.Name.Trim(), l.Value.Colour.ToLowerInvariant()));
        var same = normalised.Count == state.Labels.Count && normalised.All(l => state.Labels.TryGetValue(l.Key, out var current) && current == l.Value);
        return same ? Decision<CatalogueEvent>.Nothing : Decision<CatalogueEvent>.Append(new LabelSchemeSet(state.LaNumber, normalised));
    }
}
