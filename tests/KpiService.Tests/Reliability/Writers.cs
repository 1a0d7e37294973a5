using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace KpiService.Tests.Reliability;

/// <summary>
/// Several concurrent writers, each submitting new figures (never the same one twice, so a write that committed
/// but was never acknowledged cannot be mistaken for a lost one), remembering exactly which were acknowledged.
/// </summary>
public sealed class Writers(HttpClient http, int count = 8)
{
    // Authorities with populations, one per writer; each writes children-entering-care month after month.
    private static readonly string[] Authorities = ["916", "841", "202", "850", "937", "938", "865", "802", "936", "330"];

    public ConcurrentDictionary<string, double> Acknowledged { get; } = new();
    public ConcurrentBag<HttpStatusCode> Failures { get; } = [];
    public ConcurrentBag<string> Errors { get; } = [];
    public TimeSpan SlowestFailure { get; private set; }

    private static readonly string[] Counts = ["children-entering-care", "children-ceasing-care", "referrals", "contacts", "s47-enquiries", "assessments-completed", "early-help-assessments-started"];

    public Task RunAsync(CancellationToken stop) => Task.WhenAll(Enumerable.Range(0, count).Select(w => Task.Run(async () =>
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var url = $"/api/v1/authorities/{Authorities[w]}/measures/{Counts[i / 120 % Counts.Length]}/figures/{new DateOnly(2016, 4, 1).AddMonths(i % 120):yyyy-MM}";
            var value = (double)(1 + i % 997);
            var started = DateTime.UtcNow;
            try
            {
                var response = await http.PutAsJsonAsync(url, new { value }, CancellationToken.None);
                if (response.IsSuccessStatusCode) Acknowledged[url] = value;
                else
                {
                    Failures.Add(response.StatusCode);
                    if ((int)response.StatusCode == 503 && response.Headers.RetryAfter is null) Errors.Add("503 without Retry-After");
                    if ((int)response.StatusCode >= 500 && (int)response.StatusCode != 503) Errors.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    var took = DateTime.UtcNow - started;
                    if (took > SlowestFailure) SlowestFailure = took;
                    await Task.Delay(100);
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100); // the service is gone (killed): nothing was acknowledged
            }
            catch (TaskCanceledException)
            {
                Errors.Add($"{url} hung past the client timeout");
            }
        }
    })));
}
