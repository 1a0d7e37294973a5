using System.Globalization;
using KpiService.Domain.Measures;

namespace KpiService.Domain.Benchmarks;

/// <summary>One measure of LAIT's data dictionary (<c>lait_data_dictionary.csv</c>), as published.</summary>
public sealed record LaitDictionaryEntry(
    string Code, string Topic, string Title, string Polarity, string YAxis, int? DecimalPlaces, string YearType, bool NoQuartile, string Description);

/// <summary>Reads LAIT's data dictionary: <c>Measure_code, Topic, Measure, Measure_short, Polarity, y_axis_name, dps, Year_Type, No_Quartile, Description, …</c>.</summary>
public static class LaitDictionary
{
    public static readonly string[] Columns = ["Topic", "Measure", "Measure_short", "Polarity", "y_axis_name", "dps", "Year_Type", "No_Quartile", "Description"];

    /// <summary>Every entry; a malformed file throws, naming the row (the dictionary is shipped data, not user input).</summary>
    public static IEnumerable<LaitDictionaryEntry> Read(TextReader reader)
    {
        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext()) yield break;
        var header = records.Current.Fields.Select((name, index) => (name: name.Trim(), index)).ToDictionary(h => h.name, h => h.index);
        if (Columns.FirstOrDefault(c => !header.ContainsKey(c)) is { } missing)
            throw new FormatException($"LAIT dictionary: no '{missing}' column.");
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Error is not null || record.Fields.Length != header.Count)
                throw new FormatException($"LAIT dictionary row {record.Row}: {record.Error ?? $"{record.Fields.Length} fields, header has {header.Count}"}.");
            string Cell(string column) => record.Fields[header[column]].Trim();
            yield return new LaitDictionaryEntry(Cell("Measure_short"), Cell("Topic"), Cell("Measure"), Cell("Polarity"), Cell("y_axis_name"),
                int.TryParse(Cell("dps"), NumberStyles.None, CultureInfo.InvariantCulture, out var dps) ? dps : null,
                Cell("Year_Type"), Cell("No_Quartile") == "N", Cell("Description"));
        }
    }

    /// <summary>LAIT's polarity words: <c>High</c> is better, <c>Low</c> is better; <c>-</c> (or <c>NA</c>, blank) has no good direction.</summary>
    public static Polarity? PolarityOf(string? word) => (word ?? "").Trim().ToLowerInvariant() switch
    {
        "high" => Measures.Polarity.Higher,
        "low" => Measures.Polarity.Lower,
        "-" or "na" or "" => Measures.Polarity.Neutral,
        _ => null,
    };
}
