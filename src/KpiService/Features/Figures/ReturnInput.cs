using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using KpiService.Domain.Figures;
using KpiService.Common;

namespace KpiService.Features.Figures;

/// <summary>Reads a monthly return from JSON (<c>{ figures: [...] }</c>) or CSV, naming each unreadable row or field.</summary>
public static class ReturnInput
{
    public const int MaxFigures = 100_000;

    /// <param name="Authority">Optional; where sent it must name the authority in the path (GSS code or LA number).</param>
    public sealed record JsonFigure(string? Measure, string? Period, string? Breakdown, double? Value, double? Numerator, double? Denominator, string? Note,
        string? Authority = null);

    /// <summary>The JSON body of a return (read by <see cref="JsonReturnReader"/>, one figure at a time).</summary>
    public sealed record JsonReturn(List<JsonFigure?>? Figures);

    // Text-only strings (no NUL or control characters), and no duplicate properties (Json.Options).
    private static readonly JsonSerializerOptions Options = new(Json.Options) { Converters = { new TextOnlyStrings() } };

    /// <summary>
    /// Figures with the field prefix each one's problems are reported under (<c>figures[3].</c> or <c>row 5.</c>), and
    /// the authority each row names, if it names one: an extract that mixes authorities is refused, never filed under the path's.
    /// </summary>
    public sealed record Parsed(List<(FigureInputItem Item, string Prefix)> Figures, List<FieldProblem> Problems)
    {
        public List<(string Prefix, string Authority)> NamedAuthorities { get; init; } = [];
    }

    public static async Task<Parsed> ReadJsonAsync(Stream body, CancellationToken cancellationToken)
    {
        var (figuresSent, problem) = await JsonReturnReader.ReadAsync(body, Options, cancellationToken);
        if (problem is not null) return new Parsed([], [problem]);
        var parsed = new JsonReturn(figuresSent);
        if (parsed?.Figures is null) return new Parsed([], [new("figures", "is required: { \"figures\": [ { measure, period, value?, numerator?, denominator?, breakdown? } ] }.")]);
        var problems = new List<FieldProblem>();
        var figures = new List<(FigureInputItem, string)>(parsed.Figures.Count);
        var named = new List<(string, string)>();
        for (var i = 0; i < parsed.Figures.Count; i++)
        {
            if (parsed.Figures[i] is not { } f) { problems.Add(new($"figures[{i}]", "is null.")); continue; }
            figures.Add((new FigureInputItem(f.Measure, f.Period, f.Breakdown, f.Value, f.Numerator, f.Denominator, f.Note), $"figures[{i}]."));
            if (f.Authority is { } a) named.Add(($"figures[{i}].", a));
        }
        return new Parsed(figures, problems) { NamedAuthorities = named };
    }

    public static async Task<Parsed> ReadCsvAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        var figures = new List<(FigureInputItem, string)>();
        var named = new List<(string, string)>();
        Dictionary<string, int>? columns = null;
        await foreach (var row in Csv.ReadAsync(reader, cancellationToken))
        {
            var prefix = $"row {row.Line}.";
            if (row.Error is not null) { problems.Add(new($"row {row.Line}", row.Error)); continue; }
            if (columns is null)
            {
                columns = row.Fields.Select((name, index) => (name: name.Trim().ToLowerInvariant(), index)).GroupBy(c => c.name).ToDictionary(g => g.Key, g => g.First().index);
                foreach (var required in new[] { "measure", "period", "value", "numerator", "denominator" })
                    if (!columns.ContainsKey(required)) problems.Add(new("header", $"has no '{required}' column; expected measure,period,value,numerator,denominator[,breakdown][,note][,authority]."));
                if (problems.Count > 0) return new Parsed([], problems);
                continue;
            }
            if (figures.Count >= MaxFigures) { problems.Add(new("body", $"has more than {MaxFigures} figures.")); break; }
            if (row.Fields.Length != columns.Count) problems.Add(new($"row {row.Line}", $"has {row.Fields.Length} fields; the header has {columns.Count}."));
            string? Text(string column)
            {
                if (!columns.TryGetValue(column, out var i) || i >= row.Fields.Length || row.Fields[i].Trim() is not { Length: > 0 } text) return null;
                if (TextOnlyStrings.FirstRefused(text) is var at and >= 0)
                {
                    problems.Add(new(prefix + column, $"contains {TextOnlyStrings.Describe(text[at])} at character {at + 1}: send plain text."));
                    return null;
                }
                return text;
            }
            double? Number(string column)
            {
                var text = Text(column);
                if (text is null) return null;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)) return n;
                problems.Add(new(prefix + column, $"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not a number."));
                return null;
            }
            figures.Add((new FigureInputItem(Text("measure"), Text("period"), Text("breakdown"), Number("value"), Number("numerator"), Number("denominator"), Text("note")), prefix));
            if (Text("authority") is { } authority) named.Add((prefix, authority));
        }
        if (columns is null) problems.Add(new("body", "is empty: expected a header row measure,period,value,numerator,denominator."));
        return new Parsed(figures, problems) { NamedAuthorities = named };
    }
}
