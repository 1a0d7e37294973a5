using System.Net.Http.Json;
using System.Text.Json;
using KpiService.Reports.Tests.Fixtures;

namespace KpiService.Tests.Dashboard;

/// <summary>
/// The service on real Kestrel (a browser needs a socket) loaded with Gloucestershire's September 2021 dashboard from
/// the seed's own figures (seeds/000 lines 133–259, extracted in tests/KpiService.Domain.Tests/Golden): each of the 77
/// measures defined as a Gloucestershire indicator in its thematic area, its published target with a tolerance of 5
/// points (the report states none; DOMAIN.md's worked example), thirteen months of values in one return, the
/// council's "Yellow" for amber, a reporting schedule in the report's order, and the report's overview as commentary.
/// </summary>
public sealed class GloucestershireFixture : IAsyncLifetime
{
    public const string Authority = "916";
    public const double Tolerance = 5;

    public KestrelServiceFixture Service { get; } = new();
    public HttpClient Admin { get; private set; } = null!;
    public IReadOnlyList<SeedRow> Rows { get; } = GloucestershireRows.Load();

    /// <summary>Each row's measure id (916.{slug}), in the report's order.</summary>
    public IReadOnlyList<string> Ids { get; private set; } = [];

    public static string Month(int index) => new DateOnly(2020, 9, 1).AddMonths(index).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        await Service.InitializeAsync();
        Admin = new HttpClient { BaseAddress = new Uri(Service.RestUrl), Timeout = TimeSpan.FromMinutes(2) };
        Admin.DefaultRequestHeaders.Add("X-Api-Key", KestrelServiceFixture.AdminKey);
        Ids = [.. Rows.Select((row, i) => $"{Authority}.{Slug(row, i)}")];

        foreach (var (row, i) in Rows.Select((r, i) => (r, i)))
            Ok(await Admin.PutAsJsonAsync($"/api/v1/authorities/{Authority}/measures/{Slug(row, i)}", new
            {
                title = row.Title, area = row.Area, unit = "percentage", polarity = row.LowerIsBetter ? "lower" : "higher", decimalPlaces = 1, aggregation = "ratio",
            }));
        Ok(await Admin.PutAsJsonAsync($"/api/v1/authorities/{Authority}/labels", new { amber = new { name = "Yellow", colour = "#ffdd00" } }));
        Ok(await Admin.PutAsJsonAsync($"/api/v1/authorities/{Authority}/schedule",
            new { entries = Ids.Select(id => new { measure = id, frequency = "monthly", dueWorkingDay = 10 }) }));
        foreach (var (row, id) in Rows.Zip(Ids).Where(x => x.First.Target is not null))
            Ok(await Admin.PutAsJsonAsync($"/api/v1/authorities/{Authority}/measures/{id}/targets/2020-04", new { target = row.Target, tolerance = Tolerance }));
        var figures = Rows.Zip(Ids).SelectMany(x => x.First.Values.Select((v, m) => (Value: v, Month: Month(m))).Where(p => p.Value is not null)
            .Select(p => new { measure = x.Second, period = p.Month, value = p.Value }));
        Ok(await Admin.PostAsJsonAsync($"/api/v1/authorities/{Authority}/returns", new { figures }));
        foreach (var (row, id) in Rows.Zip(Ids).Where(x => x.First.Overview.Length > 0))
            Ok(await Admin.PutAsJsonAsync($"/api/v1/authorities/{Authority}/measures/{id}/commentary/2021-09", new { text = row.Overview }));
    }

    public async Task<JsonElement> DashboardAsync(string query = "")
    {
        var response = await Admin.GetAsync($"/api/v1/authorities/{Authority}/dashboard/2021-09{query}");
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"dashboard: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Lower-case words of the title, numbered so truncated titles stay distinct, within the 72 characters a slug may have.</summary>
    private static string Slug(SeedRow row, int index)
    {
        var words = string.Join('-', new string([.. row.Title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var slug = $"g{index + 1:D2}-{words}";
        return slug.Length <= 72 ? slug : slug[..72].TrimEnd('-');
    }

    private static void Ok(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Service.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class GloucestershireCollection : ICollectionFixture<GloucestershireFixture>
{
    public const string Name = "Gloucestershire dashboard";
}
