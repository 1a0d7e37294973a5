using System.Globalization;
using System.Text;
using KpiService.Domain.Periods;
using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Peers;

public static class ImportBenchmarks
{
    /// <summary>Suppression and missing marks published in place of a number; kept as the cell's mark, with no value.</summary>
    public static readonly HashSet<string> Marks = ["-", "c", "x", "z", "u", "k", ".", ":", "..", "low", "[c]", "[x]", "[z]", "[low]", "n/a", "NA"];

    public sealed record ImportSummary(int Imported, string Source, IReadOnlyList<string> Measures);

    public sealed record Command(string Source, List<CsvRow> Rows) : IRequest<ImportSummary>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    public sealed class Handler(ReferenceStore reference, BenchmarkImporter importer) : IRequestHandler<Command, ImportSummary>
    {
        public async Task<ImportSummary> Handle(Command request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var problems = new List<(string, string)>();
            var rows = new List<BenchmarkRow>();
            if (request.Rows.Count == 0) throw ValidationFailedException.Of("body", "is empty: expected a header row measure,period,level,code,value.");
            var header = request.Rows[0].Fields.Select((name, index) => (name: name.Trim().ToLowerInvariant(), index)).ToDictionary(h => h.name, h => h.index);
            foreach (var column in new[] { "measure", "period", "level", "code", "value" }.Where(c => !header.ContainsKey(c)))
                problems.Add(("header", $"has no '{column}' column; expected measure,period,level,code,value."));
            if (problems.Count > 0) throw ValidationFailedException.Of(problems);

            var byCode = current.Measures.Values.Where(m => m.Code is not null).ToDictionary(m => m.Code!, m => m.Id, StringComparer.OrdinalIgnoreCase);
            foreach (var row in request.Rows.Skip(1))
            {
                var prefix = $"row {row.Line}.";
                if (row.Error is not null || row.Fields.Length != header.Count) { problems.Add(($"row {row.Line}", row.Error ?? $"has {row.Fields.Length} fields; the header has {header.Count}.")); continue; }
                string Cell(string c) => row.Fields[header[c]].Trim();
                var measure = current.Measures.ContainsKey(Cell("measure")) ? Cell("measure") : byCode.GetValueOrDefault(Cell("measure"));
                if (measure is null) problems.Add((prefix + "measure", $"'{Clip(Cell("measure"))}' is neither a measure id nor a measure code."));
                if (!Period.TryParse(Cell("period"), out var period)) problems.Add((prefix + "period", $"'{Clip(Cell("period"))}' is not a period."));
                var level = Cell("level").ToLowerInvariant();
                var code = level switch
                {
                    "authority" => current.FindAuthority(Cell("code"))?.LaNumber.ToString(CultureInfo.InvariantCulture),
                    "region" => current.Authorities.Values.Select(a => a.Region).FirstOrDefault(r => r.Code == Cell("code") || string.Equals(r.Name, Cell("code"), StringComparison.OrdinalIgnoreCase))?.Code,
                    "england" => Domain.Peers.PeerData.England,
                    _ => null,
                };
                if (level is not ("authority" or "region" or "england")) problems.Add((prefix + "level", "must be authority, region or england."));
                else if (code is null) problems.Add((prefix + "code", $"'{Clip(Cell("code"))}' is not a known {level}."));
                var raw = Cell("value");
                double? value = double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
                if (value is null && !Marks.Contains(raw)) problems.Add((prefix + "value", $"'{Clip(raw)}' is neither a number nor a suppression mark ({string.Join(" ", Marks.Take(6))} …)."));
                var readable = value is not null || Marks.Contains(raw);
                if (measure is not null && code is not null && readable && problems.Count == 0)
                    rows.Add(new BenchmarkRow(measure, period, level, code, value, value is null ? raw : null));
            }
            if (problems.Count > 0) throw ValidationFailedException.Of(problems);
            var imported = await importer.ImportAsync(rows, request.Source, cancellationToken);
            return new ImportSummary(imported, request.Source, [.. rows.Select(r => r.Measure).Distinct().Order()]);
        }

        private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/benchmarks", async (HttpContext http, string? source, IMediator mediator, CancellationToken ct) =>
            {
                using var reader = new StreamReader(http.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
                List<CsvRow> rows;
                try { rows = await Csv.ReadAsync(reader, ct).ToListAsync(ct); }
                catch (DecoderFallbackException) { throw ValidationFailedException.Of("body", "is not valid UTF-8."); }
                return Results.Ok(await mediator.Send(new Command(string.IsNullOrWhiteSpace(source) ? "import" : source[..Math.Min(source.Length, 100)], rows), ct));
            })
            .Accepts<string>("text/csv")
            .Produces<ImportSummary>(200)
            .WithTags("Peers").WithSummary("Import published figures (authority, region or England level) from CSV: measure,period,level,code,value. Suppression marks (-, c, x…) are kept as 'no value'. Admin.");
}
