using System.Text.Json;
using System.Text.Json.Serialization;
using KpiService.Domain.Benchmarks;

namespace KpiService.Domain.Tests.Catalogue;

/// <summary>The shipped reference files, read the way the service reads them.</summary>
public static class ShippedCatalogue
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static IReadOnlyList<Measure> Measures { get; } = Load();

    public static IReadOnlyList<LaitDictionaryEntry> LaitDictionary { get; } =
        [.. KpiService.Domain.Benchmarks.LaitDictionary.Read(new StreamReader(RepositoryFiles.Path("src/KpiService/ReferenceData/lait-measure-dictionary-csc.csv")))];

    /// <summary>Authorities as the seeder registers them: authorities.csv plus LAIT's two pre-2019 Dorset authorities.</summary>
    public static IReadOnlyList<(int LaNumber, string? GssCode)> Authorities { get; } =
    [
        .. CsvRecords.Read(new StreamReader(RepositoryFiles.Path("src/KpiService/ReferenceData/authorities.csv"))).Skip(1)
            .Select(r => (int.Parse(r.Fields[0], System.Globalization.CultureInfo.InvariantCulture), r.Fields[1].Length == 0 ? null : r.Fields[1])),
        (835, null), (837, null),
    ];

    private static List<Measure> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("src/KpiService/ReferenceData/measures.json")));
        return document.RootElement.GetProperty("measures").Deserialize<List<Measure>>(Options)!;
    }
}
