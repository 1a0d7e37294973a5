using System.Globalization;
using System.Text.Json;
using KpiService.Domain.Authorities;
using KpiService.Domain.Measures;
using KpiService.Domain.Reference;
using KpiService.Common;
using KpiService.ReadModels;
using Marten;

namespace KpiService.Hosting;

/// <summary>
/// Loads the shipped reference data on first start, as events (so its history starts with its source), exactly
/// once: the append starts the seed stream, so of two replicas starting together only one seeds and the other gets a
/// stream collision it can ignore.
/// </summary>
public sealed class ReferenceSeeder(IDocumentStore store, KpiDatabase database, ILogger<ReferenceSeeder> logger)
{
    public const string SeedStream = "seed:reference-v1";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "ReferenceData");

    // authorities.csv carries a few wrong region GSS codes (Gloucestershire under E12000003, say): the region's name
    // is right, so the code is taken from the name.
    private static readonly Dictionary<string, string> RegionCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["North East"] = "E12000001", ["North West"] = "E12000002", ["Yorkshire and the Humber"] = "E12000003",
        ["East Midlands"] = "E12000004", ["West Midlands"] = "E12000005", ["East of England"] = "E12000006",
        ["London"] = "E12000007", ["South East"] = "E12000008", ["South West"] = "E12000009",
    };

    public static string RegionCode(string regionName) => RegionCodes[regionName];

    /// <summary>Marks that every measure of LAIT's children's social care dictionary is in the catalogue (measures.json).</summary>
    public const string LaitCatalogueStream = "seed:lait-catalogue-v1";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.Events.FetchStreamStateAsync(SeedStream, cancellationToken) is not null)
        {
            await CompleteLaitCatalogueAsync(cancellationToken);
            return;
        }
        (session.LastModifiedBy, session.CorrelationId) = ("system", "seed");
        var seedEvents = new List<(string Stream, object Event)>();
        foreach (var authority in Authorities()) seedEvents.Add((ReferenceStreams.Authority(authority.LaNumber), authority));
        foreach (var model in new[] { 2021, 2025 })
            foreach (var published in Neighbours(model)) seedEvents.Add((ReferenceStreams.Neighbours(model, published.LaNumber), published));
        foreach (var population in Populations()) seedEvents.Add((ReferenceStreams.Authority(population.LaNumber), population));
        foreach (var measure in Measures()) seedEvents.Add((ReferenceStreams.Measure(measure.Id), new MeasureDefined(measure)));

        session.Events.StartStream(SeedStream, new ReferenceSeeded("ReferenceData/ (see its README.md)"));
        session.Events.StartStream(LaitCatalogueStream, new ReferenceSeeded("ReferenceData/measures.json: every LAIT children's social care measure"));
        foreach (var stream in seedEvents.GroupBy(e => e.Stream)) session.Events.StartStream(stream.Key, [.. stream.Select(e => e.Event)]);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (StoreFailures.IsConflict(e))
        {
            logger.LogInformation("Another instance seeded the reference data first");
            return;
        }
        logger.LogInformation("Seeded reference data: {Events} events", seedEvents.Count);
    }

    /// <summary>
    /// A database seeded before the catalogue held every LAIT children's social care measure (58 measures, 17 with a
    /// LAIT code) gets the rest once, as events: a measure it lacks is defined as shipped, and one it has gains its LAIT
    /// code and year type (its own code, title and rules stay). A LAIT code some measure already carries (one an
    /// operator defined) is left with that measure rather than defined twice.
    /// </summary>
    private async Task CompleteLaitCatalogueAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.Events.FetchStreamStateAsync(LaitCatalogueStream, cancellationToken) is not null) return;
        (session.LastModifiedBy, session.CorrelationId) = ("system", "seed");
        var current = await CurrentMeasuresAsync(cancellationToken);
        var added = 0;
        var linked = 0;
        foreach (var shipped in Measures().Where(m => m.LaitCode is not null))
        {
            if (current.TryGetValue(shipped.Id, out var existing))
            {
                if (existing.LaitCode is not null) continue;
                var version = (await session.Events.FetchStreamStateAsync(ReferenceStreams.Measure(existing.Id), cancellationToken))?.Version ?? 0;
                session.Events.Append(ReferenceStreams.Measure(existing.Id), version + 1,
                    new MeasureDefined(existing with { Code = existing.Code ?? shipped.Code, LaitCode = shipped.LaitCode, PublishedYearType = shipped.PublishedYearType }));
                linked++;
            }
            else if (!current.Values.Any(m => string.Equals(m.LaitCode, shipped.LaitCode, StringComparison.OrdinalIgnoreCase)))
            {
                session.Events.StartStream(ReferenceStreams.Measure(shipped.Id), new MeasureDefined(shipped));
                added++;
            }
        }
        session.Events.StartStream(LaitCatalogueStream, new ReferenceSeeded($"ReferenceData/measures.json: {added} LAIT measures added, {linked} linked to their LAIT codes"));
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (StoreFailures.IsConflict(e))
        {
            logger.LogInformation("Another instance completed the LAIT catalogue first");
            return;
        }
        logger.LogInformation("Catalogue completed with LAIT's dictionary: {Added} measures added, {Linked} linked to their LAIT codes", added, linked);
    }

    private async Task<Dictionary<string, Measure>> CurrentMeasuresAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT body::text FROM kpi.measures");
        var measures = new Dictionary<string, Measure>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            if (JsonSerializer.Deserialize<Measure>(reader.GetString(0), EventSerialization.Options) is { } measure) measures[measure.Id] = measure;
        return measures;
    }

    public static List<AuthorityRegistered> Authorities()
    {
        var rows = Csv.ReadAll(Path.Combine(Directory, "authorities.csv")).Skip(1).Select(r => r.Fields).ToList();
        var authorities = rows.Select(f => new AuthorityRegistered(
            int.Parse(f[0], CultureInfo.InvariantCulture), f[1].Length == 0 ? null : f[1], f[2],
            RegionCode(f[4]), f[4] == "Yorkshire and the Humber" ? "Yorkshire and The Humber" : f[4],
            f[6].Length == 0 ? "Former authority" : f[6],
            // Rows without a GSS code are authorities that have since reorganised (Poole, Cumbria, Northamptonshire).
            Active: f[1].Length > 0)).ToList();
        // LAIT still publishes two pre-2019 Dorset authorities that the lookup no longer lists.
        authorities.Add(new AuthorityRegistered(835, null, "Dorset (pre-2019 county)", "E12000009", "South West", "Former authority", false));
        authorities.Add(new AuthorityRegistered(837, null, "Bournemouth", "E12000009", "South West", "Former authority", false));
        return authorities;
    }

    public static IEnumerable<NeighboursPublished> Neighbours(int model) =>
        Csv.ReadAll(Path.Combine(Directory, $"statistical-neighbours-{model}.csv")).Skip(1).Select(r => r.Fields)
            .GroupBy(f => int.Parse(f[0], CultureInfo.InvariantCulture))
            .Select(g => new NeighboursPublished(g.Key, model, [.. g
                .Select(f => new Neighbour(int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture), f[5]))
                .OrderBy(n => n.Rank)]));

    public static IEnumerable<PopulationSet> Populations() =>
        Csv.ReadAll(Path.Combine(Directory, "population-0-17-approx.csv")).Skip(1).Select(r => r.Fields)
            .Where(f => double.TryParse(f[5], CultureInfo.InvariantCulture, out _))
            .Select(f => new PopulationSet(int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[0], CultureInfo.InvariantCulture),
                double.Parse(f[5], CultureInfo.InvariantCulture), "approximate (LAIT CLA count / rate × 10,000)"));

    public static List<Measure> Measures()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "measures.json")));
        return document.RootElement.GetProperty("measures").Deserialize<List<Measure>>(EventSerialization.Options)!;
    }
}
