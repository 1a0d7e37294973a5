using System.Reflection;
using System.Text;
using KpiService.Common;
using KpiService.ReadModels.Reference;
using KpiService.Reports.Spreadsheet;
using KpiService.Reports.Tidy;

namespace KpiService.Api.Rest.Exports;

/// <summary>
/// Content negotiation for the reads councils download (scorecard, figures, comparison, league): JSON as ever, or by
/// <c>Accept</c> (or <c>?format=</c> for links and browsers) tidy CSV (RFC 4180, UTF-8 with a header, safe against formula
/// injection) or an XLSX workbook, each with a file name. A client that accepts none of these gets 406, before the read
/// runs. The use cases stay unaware: the exporter wraps any endpoint whose answer type it knows.
/// </summary>
public static class ExportNegotiation
{
    public static readonly IReadOnlyList<Representation> Offered = [Representation.Json, Representation.Csv, Representation.Xlsx];

    public static RouteGroupBuilder WithExports(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            if (AnswerOf(endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault()) is not { } answer || !TidyExports.Handles(answer)) return;
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, answer, [.. Offered.Select(o => o.MediaType)]));
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status406NotAcceptable, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        });
        group.AddEndpointFilterFactory((factory, next) =>
        {
            if (AnswerOf(factory.MethodInfo) is not { } answer || !TidyExports.Handles(answer)) return next;
            return async context =>
            {
                var http = context.HttpContext;
                var representation = ContentNegotiation.Choose(http.Request, Offered);
                var result = await next(context);
                if (representation == Representation.Json || result is null || !TidyExports.Handles(result.GetType())) return result;
                var export = TidyExports.Of(result, http.RequestServices.GetRequiredService<ReferenceStore>().Current);
                return representation == Representation.Csv
                    ? Downloads.Send(http, Csv(export), "text/csv; charset=utf-8; header=present", export.FileName + ".csv")
                    : Downloads.Send(http, Workbook(export), representation.MediaType, export.FileName + ".xlsx");
            };
        });
        return group;
    }

    private static byte[] Csv(TidyExport export) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(TidyCsv.ToCsv(export.Rows))];

    private static byte[] Workbook(TidyExport export)
    {
        using var stream = new MemoryStream();
        TidyWorkbook.Write(export.Title, export.Rows, export.Labels, stream, export.Subtitle);
        return stream.ToArray();
    }

    /// <summary>The answer type of a route handler returning <c>Task&lt;T&gt;</c>, <c>ValueTask&lt;T&gt;</c> or T.</summary>
    private static Type? AnswerOf(MethodInfo? method)
    {
        var type = method?.ReturnType;
        if (type is { IsGenericType: true } && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            return type.GetGenericArguments()[0];
        return type;
    }
}
