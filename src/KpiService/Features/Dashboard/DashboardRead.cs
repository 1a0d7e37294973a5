using System.Collections.Concurrent;
using System.Text;
using KpiService.Common;
using KpiService.Reports.Html;
using KpiService.Reports.Spreadsheet;
using KpiService.Reports.Tidy;

namespace KpiService.Features.Dashboard;

/// <summary>
/// A dashboard as the cache holds it: the document, its JSON answer, and the JSON already serialised, so a cached read
/// sends bytes without serialising 75 rows again. Each other rendering (CSV, XLSX, HTML) is made the first time it is
/// asked for and kept with the entry, so it is dropped exactly when the entry is.
/// </summary>
public sealed class DashboardRead(Domain.Dashboards.Dashboard document, DashboardResponse response, byte[] json)
{
    private readonly ConcurrentDictionary<string, (byte[] Body, string ETag)> _renderings = new(StringComparer.Ordinal);

    public Domain.Dashboards.Dashboard Document { get; } = document;

    public DashboardResponse Response { get; } = response;

    public byte[] Json { get; } = json;

    public string JsonETag { get; } = Downloads.ETagOf(json, "json");

    /// <summary>The representation named (csv, xlsx or html) with its ETag, rendered once per cache entry.</summary>
    public (byte[] Body, string ETag) Rendering(string format) => _renderings.GetOrAdd(format, f =>
    {
        var body = f switch
        {
            "csv" => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(TidyCsv.ToCsv(DashboardTidyRows.From(Document)))).ToArray(),
            "xlsx" => Workbook(),
            "html" => Encoding.UTF8.GetBytes(BoardPack.Render(Document)),
            _ => throw new ArgumentOutOfRangeException(nameof(format), f, "not a dashboard rendering"),
        };
        return (body, Downloads.ETagOf(body, f));
    });

    private byte[] Workbook()
    {
        using var stream = new MemoryStream(64 * 1024);
        DashboardWorkbook.Write(Document, stream);
        return stream.ToArray();
    }
}
