using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KpiService.Benchmarks;

/// <summary>
/// A realistically shaped dataset: every active authority × every measure × 120 months (April 2016 to March 2026):
/// percentages from numerators and denominators around a level drawn per authority and measure (40–95 %), counts,
/// rates with their populations, averages with their parts. Volumes and shapes are what matter for speed; the values
/// are not drawn from the published LAIT figures.
/// </summary>
public sealed class Dataset
{
    public required List<(int La, string Gss)> Authorities { get; init; }
    public required List<(string Id, string Unit, string? Code)> Measures { get; init; }
    public const int Months = 120;

    /// <summary>An authority's reporting is about 75 measures (Gloucestershire's dashboard); the catalogue holds more.</summary>
    public const int MeasuresReported = 75;
    public static readonly DateOnly FirstMonth = new(2016, 4, 1);

    public static async Task<Dataset> LoadAsync(HttpClient http)
    {
        var authorities = (await http.GetFromJsonAsync<JsonElement>("/api/v1/authorities")).EnumerateArray()
            .Select(a => (a.GetProperty("laNumber").GetInt32(), a.GetProperty("code").GetString()!)).ToList();
        var measures = (await http.GetFromJsonAsync<JsonElement>("/api/v1/measures")).EnumerateArray()
            .Select(m => (m.GetProperty("id").GetString()!, m.GetProperty("unit").GetString()!, m.TryGetProperty("code", out var c) ? c.GetString() : null))
            .Where(m => m.Item2 is "count" or "ratePer10k" or "average" or "percentage")
            .OrderBy(m => m.Item1 is "contacts" or "re-referrals" ? 0 : 1).Take(MeasuresReported).ToList(); // the two the scenarios read
        return new Dataset { Authorities = authorities, Measures = measures };
    }

    public int FiguresPerAuthority => Measures.Count * Months;

    /// <summary>One authority's back-load as CSV.</summary>
    public string Csv(int la, int seed)
    {
        var random = new Random(la * 7919 + seed);
        var csv = new StringBuilder("measure,period,value,numerator,denominator\n");
        foreach (var (id, unit, _) in Measures)
        {
            var centre = random.Next(40, 95);
            for (var m = 0; m < Months; m++)
            {
                var period = FirstMonth.AddMonths(m).ToString("yyyy-MM", CultureInfo.InvariantCulture);
                var denominator = random.Next(60, 400);
                var numerator = Math.Clamp((int)(denominator * (centre + random.Next(-8, 9)) / 100.0), 0, denominator);
                csv.Append(unit switch
                {
                    "count" => $"{id},{period},{random.Next(20, 900)},,\n",
                    "ratePer10k" => $"{id},{period},,{random.Next(20, 500)},{random.Next(30_000, 250_000)}\n",
                    "average" => $"{id},{period},,{random.Next(300, 900)},{random.Next(20, 60)}\n",
                    _ => $"{id},{period},,{numerator},{denominator}\n",
                });
            }
        }
        return csv.ToString();
    }
}
