using System.Xml.Linq;

namespace KpiService.Api.OpenApi;

/// <summary>
/// Where a parameter's description comes from, first found wins: a <c>[Description]</c> on the endpoint's parameter; the
/// use case's request record's XML <c>&lt;param&gt;</c> of the same name; <c>UseCase.name</c> below (a name that means
/// something else in one use case); then the name below. The v1 contract names parameters the same way everywhere
/// (authority, measure, period, breakdown), so one sentence each serves every endpoint.
/// </summary>
public static class ParameterDescriptions
{
    public static readonly IReadOnlyDictionary<string, string> ByName = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["authority"] = "The local authority: its GSS code (E10000013) or its LA number (916). Both name Gloucestershire.",
        ["measure"] = "The measure's id (assessments-within-45-wd), as GET /api/v1/measures lists them; an authority's own local measures by their id or slug.",
        ["period"] = "A month (2021-09), a financial quarter (2021-22-Q2) or a financial year (2021-22).",
        ["fromPeriod"] = "The first period the rule applies to (2021-04); it stays in force until a later rule starts.",
        ["breakdown"] = "A breakdown as dimension:value (locality:Cheltenham, ageBand:10-15); leave out for the authority's total.",
        ["from"] = "The first period of the series (2020-09); leave out to start at the earliest figure.",
        ["to"] = "The last period of the series (2021-09); leave out to end at the latest figure.",
        ["asAt"] = "An ISO 8601 timestamp (2021-10-08T09:00:00Z): answer as the figures stood then, before later revisions.",
        ["area"] = "Only the measures of this thematic area (Assessment, Child protection, Children in care…).",
        ["dimension"] = "The breakdown dimension (locality, team, ageBand), declared by the authority.",
        ["id"] = "The comparator group's id: lower-case words joined by hyphens (south-east-unitaries).",
        ["year"] = "The calendar year of the population estimate (2021).",
        ["model"] = "The statistical neighbour model: 2025 (the default) or 2021.",
        ["group"] = "A comparator group id to compare with as well; repeat the parameter for several (?group=a&group=b).",
        ["includeFormer"] = "True to include authorities that no longer exist (merged or renamed), with the dates they ran.",
        ["reason"] = "Why the figure is withdrawn (plain text, shown in its history).",
        ["source"] = "Where the imported figures come from (LAIT 2025, CIN census 2024-25), kept with each value.",
        ["points"] = "How many periods the chart reads, 2–120 (default 24).",
        ["baseline"] = "A change point: control limits are recalculated from this period on; repeat for several.",
        ["since"] = "A baseline period for the year-on-year block's change since (2021-03).",
        ["kind"] = "Which chart: one of the kinds the endpoint lists.",
        ["format"] = "The format to answer in, where the Accept header cannot say it.",
        ["months"] = "How many months the board pack covers, ending at the period.",
        ["If-Match"] = "The ETag last read (`\"3\"`): the write happens only if nothing changed since, else 412 and nothing is stored. `*` means: only if it exists.",
        ["If-None-Match"] = "`*` to create only: if it already exists the answer is 412 and nothing is stored.",
        ["If-None-Match.read"] = "The ETag of the copy you hold (from an earlier answer): if it is still current the answer is 304 with no body, else the full answer with its new ETag.",
        ["Idempotency-Key"] = "Any text up to 200 characters naming this submission (`glos-2021-09`). A retry with the same key and the same body answers as the first call without writing again; the same key with a different body is refused (422).",
        ["traceparent"] = "A W3C trace context; its trace id becomes the answer's X-Correlation-Id.",
        ["GetActivity.from"] = "The first day (2021-10-01); default 30 days ago.",
        ["GetActivity.to"] = "The last day (2021-10-31); default today.",
        ["CountWorkingDays.from"] = "The start date (2021-09-01), counted as day 1.",
        ["CountWorkingDays.to"] = "The end date (2021-11-03).",
        ["GetComparison.authority"] = "The authority to compare (GSS code or LA number); leave out for the measure's national picture only.",
        ["GetTargets.period"] = "Also answer the rule in force for this period (2021-09).",
        ["GetClient.id"] = "The client's id: the 12 hex digits RegisterClient answered (also the middle part of its key).",
        ["RotateClientKey.id"] = "The client's id: the 12 hex digits RegisterClient answered (also the middle part of its key).",
        ["RevokeClient.id"] = "The client's id: the 12 hex digits RegisterClient answered (also the middle part of its key).",
        ["SaveDataSharingAgreement.id"] = "The agreement's id: lower-case words joined by hyphens (glos-worcs), chosen when it is first recorded.",
        ["GetDataSharingAgreement.id"] = "The agreement's id: lower-case words joined by hyphens (glos-worcs).",
        ["EndDataSharingAgreement.id"] = "The agreement's id: lower-case words joined by hyphens (glos-worcs).",
        ["GetDashboard.format"] = "json, csv, xlsx or html: the format to answer in where the Accept header cannot say it (a link in a browser); it wins over Accept.",
    };

    public static string? Find(string useCase, string parameter, Type? request)
    {
        if (FromXml(request, parameter) is { } documented) return documented;
        return ByName.GetValueOrDefault($"{useCase}.{parameter}") ?? ByName.GetValueOrDefault(parameter);
    }

    private static readonly Lazy<Dictionary<string, string>> RecordParams = new(LoadXml);

    private static string? FromXml(Type? request, string parameter)
    {
        if (request?.FullName is not { } name) return null;
        var key = $"T:{name.Replace('+', '.')}#";
        return RecordParams.Value.FirstOrDefault(p => p.Key.StartsWith(key, StringComparison.Ordinal)
            && string.Equals(p.Key[key.Length..], parameter, StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary>Record parameters documented with &lt;param&gt; in the build's XML documentation, as "T:Type#Name" → text.</summary>
    private static Dictionary<string, string> LoadXml()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var file = Path.Combine(AppContext.BaseDirectory, typeof(ParameterDescriptions).Assembly.GetName().Name + ".xml");
        if (!File.Exists(file)) return result;
        foreach (var member in XDocument.Load(file).Descendants("member"))
            if (member.Attribute("name")?.Value is { } name && name.StartsWith("T:", StringComparison.Ordinal))
                foreach (var param in member.Elements("param"))
                    if (param.Attribute("name")?.Value is { } p)
                        result[$"{name}#{p}"] = string.Join(" ", param.Value.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return result;
    }
}
