using System.Text;
using Grpc.Core;
using KpiService.Common;
using KpiService.Features.Peers;
using MediatR;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Services;

/// <summary>kpi.v1.Peers: comparison, league and the benchmark import, as REST's /measures/{m}/comparison, /league and /benchmarks.</summary>
public sealed class PeersService(IMediator mediator) : V1.Peers.PeersBase
{
    public override async Task<V1.Comparison> GetComparison(V1.GetComparisonRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.Comparison>(await mediator.Send(
            new GetComparison.Query(r.Measure, r.Period, ProtoJson.Text(r.Authority), r.Model == 0 ? null : r.Model, [.. r.Groups]), context.CancellationToken));

    public override async Task<V1.League> GetLeague(V1.GetLeagueRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.League>(await mediator.Send(new GetLeague.Query(r.Measure, r.Period), context.CancellationToken));

    public override async Task<V1.ImportBenchmarksResponse> ImportBenchmarks(V1.ImportBenchmarksRequest r, ServerCallContext context)
    {
        // The file is read as REST reads POST /benchmarks: strict UTF-8, the same CSV reader, the same source rule.
        using var reader = new StreamReader(new MemoryStream(r.Csv.ToByteArray()), new UTF8Encoding(false, throwOnInvalidBytes: true));
        List<CsvRow> rows;
        try { rows = await Csv.ReadAsync(reader, context.CancellationToken).ToListAsync(context.CancellationToken); }
        catch (DecoderFallbackException) { throw ValidationFailedException.Of("csv", "is not valid UTF-8."); }
        var source = string.IsNullOrWhiteSpace(r.Source) ? "import" : r.Source[..Math.Min(r.Source.Length, 100)];
        return ProtoJson.To<V1.ImportBenchmarksResponse>(await mediator.Send(new ImportBenchmarks.Command(source, rows), context.CancellationToken));
    }
}
