using System.Globalization;
using System.Text.Json;
using KpiService.Domain.Figures;
using KpiService.Common;

namespace KpiService.Features.Figures;

/// <summary>Reads a monthly return from JSON (<c>{ figures: [...] }</c>) or CSV, naming each unreadable row or field.</summary>
public static class ReturnInput
{
    public const int MaxFigures = 100_000;

    public sealed record JsonFigure(string? Measure, string? Period, string? Breakdown, double? Value, double? Numerator, double? Denominator, string? Note);

    public sealed record JsonReturn(List<JsonFigure>? Figures);

    /// <summary>Figures with the field prefix each one's problems are reported under (<c>figures[3].</c> or <c>row 5.</c>).</summary>
    public sealed record Parsed(List<(FigureInputItem Item, string Prefix)> Figures, List<FieldProblem> Problems);

    public static async Task<Parsed> ReadJsonAsync(Stream body, CancellationToken cancellationToken)
    {
        JsonReturn? parsed;
        try
        {
            parsed = await JsonSerializer.DeserializeAsync<JsonReturn>(body, Json.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
            return new Parsed([], [new(field, $"is not valid JSON for a return ({e.Message.Split(". Path")[0]}).")]);
        }
        if (parsed?.Figures is null) return new Parsed([], [new("figures", "is required: { \"figures\": [ { measure, period, value?, numerator?, denominator?, breakdown? } ] }.")]);
        if (parsed.Figures.Count > MaxFigures) return new Parsed([], [new("figures", $"has {parsed.Figures.Count} figures; a return holds at most {MaxFigures}.")]);
        var problems = new List<FieldProblem>();
        var figures = new List<(FigureInputItem, string)>(parsed.Figures.Count);
        for (var i = 0; i < parsed.Figures.Count; i++)
        {
            if (parsed.Figures[i] is not { } f) { problems.Add(new($"figures[{i}]", "is null.")); continue; }
            figures.Add((new FigureInputItem(f.Measure, f.Period, f.Breakdown, f.Value, f.Numerator, f.Denominator, f.Note), $"figures[{i}]."));
        }
        return new Parsed(figures, problems);
    }

    public static async Task<Parsed> ReadCsvAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        var figures = new List<(FigureInputItem, string)>();
        Dictionary<string, int>? columns = null;
        await foreach (var row in Csv.ReadAsync(reader, cancellationToken))
        {
            var prefix = $"row {row.Line}.";
            if (row.Error is not null) { problems.Add(new($"row {row.Line}", row.Error)); continue; }
            if (columns is null)
            {
                columns = row.Fields.Select((name, index) => (name: name.Trim().ToLowerInvariant(), index)).GroupBy(c => c.name).ToDictionary(g => g.Key, g => g.First().index);
                foreach (var required in new[] { "measure", "period", "value", "numerator", "denominator" })
                    if (!columns.ContainsKey(required)) problems.Add(new("header", $"has no '{required}' column; expected measure,period,value,numerator,denominator[,breakdown][,note]."));
                if (problems.Count > 0) return new Parsed([], problems);
                continue;
            }
            if (figures.Count >= MaxFigures) { problems.Add(new("body", $"has more than {MaxFigures} figures.")); break; }
            if (row.Fields.Length != columns.Count) problems.Add(new($"row {row.Line}", $"has {row.Fields.Length} fields; the header has {columns.Count}."));
            string? Text(string column) => columns.TryGetValue(column, out var i) && i < row.Fields.Length && row.Fields[i].Trim().Length > 0 ? row.Fields[i].Trim() : null;
            double? Number(string column)
            {
                var text = Text(column);
                if (text is null) return null;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)) return n;
                problems.Add(new(prefix + column, $"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not a number."));
                return null;
            }
            figures.Add((new FigureInputItem(Text("measure"), Text("period"), Text("breakdown"), Number("value"), Number("numerator"), Number("denominator"), Text("note")), prefix));
        }
        if (columns is null) problems.Add(new("body", "is empty: expected a header row measure,period,value,numerator,denominator."));
        return new Parsed(figures, problems);
    }
}
