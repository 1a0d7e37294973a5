using KpiService.Features.Authorities;
using KpiService.Features.Clients;
using KpiService.Features.ComparatorGroups;
using KpiService.Features.Figures;
using KpiService.Features.Measures;
using KpiService.Features.Peers;
using KpiService.Features.Ratings;
using KpiService.Features.Targets;
using KpiService.Features.WorkingDays;

using KpiService.Api.Rest.Exports;

namespace KpiService.Api.Rest;

/// <summary>Every REST use case under /api/v1. Each feature file maps its own endpoint.</summary>
public static class RestApi
{
    /// <summary>A JSON body of <c>null</c> binds as a null argument: refuse it here, once, rather than in every use case.</summary>
    private static async ValueTask<object?> RequireBody(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Cheap test first: most requests have no null argument at all.
        if (context.Arguments.Contains(null) && context.HttpContext.Request.HasJsonContentType())
        {
            var bodyType = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
            var parameters = context.HttpContext.GetEndpoint()?.Metadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault()?.GetParameters();
            for (var i = 0; i < context.Arguments.Count; i++)
                if (context.Arguments[i] is null && bodyType is not null && bodyType != typeof(string) && (parameters is null || parameters[i].ParameterType == bodyType))
                    throw Common.ValidationFailedException.Of("body", "is required: a JSON object, not null.");
        }
        return await next(context);
    }

    /// <summary>
    /// Path and query values are text too: <c>?breakdown=%00</c> reached PostgreSQL, which cannot hold a NUL, and answered
    /// 500. Refused here for every endpoint, naming the parameter (bodies are checked as they are read: <see cref="Common.TextOnlyStrings"/>).
    /// </summary>
    private static ValueTask<object?> RefuseControlCharacters(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var values = request.RouteValues.Select(r => (r.Key, Value: r.Value as string))
            .Concat(request.Query.SelectMany(q => q.Value.Select(v => (q.Key, Value: v))));
        foreach (var (name, value) in values)
            if (value is not null && Common.TextOnlyStrings.FirstRefused(value) is var at and >= 0)
                throw Common.ValidationFailedException.Of(name, $"contains {Common.TextOnlyStrings.Describe(value[at])} at character {at + 1}.");
        return next(context);
    }

    /// <summary>
    /// A request body is a figure, a target, a definition: 1 MB is hundreds of times what any needs, so a hostile body
    /// is refused (413) before it is read. Returns and benchmark files are uploads, limited by Limits:MaxRequestBodyBytes.
    /// </summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static void MapRestApi(this WebApplication app)
    {
        RouteGroupBuilder Group(long maxBodyBytes) => app.MapGroup("/api/v1").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403)
            .AddEndpointFilter(RefuseControlCharacters).AddEndpointFilter(RequireBody).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(maxBodyBytes));
        // Scorecard, figures, comparison and league answer CSV and XLSX too (Accept or ?format=).
        var api = Group(MaxBodyBytes).WithExports();
        var uploads = Group(app.Configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 16 * 1024 * 1024);
        ListAuthorities.Map(api);
        GetAuthority.Map(api);
        GetNeighbours.Map(api);
        SetPopulation.Map(api);
        DeclareDimension.Map(api);
        ListMeasures.Map(api);
        GetMeasure.Map(api);
        DefineMeasure.Map(api);
        SetTarget.Map(api);
        GetTargets.Map(api);
        SaveComparatorGroup.Map(api);
        GetComparatorGroup.Map(api);
        RegisterClient.Map(api);
        ListClients.Map(api);
        GetClient.Map(api);
        RotateClientKey.Map(api);
        RevokeClient.Map(api);
        Features.DataSharing.SaveDataSharingAgreement.Map(api);
        Features.DataSharing.ListDataSharingAgreements.Map(api);
        Features.DataSharing.GetDataSharingAgreement.Map(api);
        Features.DataSharing.EndDataSharingAgreement.Map(api);
        GetDimension.Map(api);
        Features.Catalogue.GetAuthorityMeasure.Map(api);
        SubmitFigure.Map(api);
        WithdrawFigure.Map(api);
        SubmitReturn.Map(uploads);
        GetFigures.Map(api);
        GetFigureHistory.Map(api);
        GetFigure.Map(api);
        GetRating.Map(api);
        GetScorecard.Map(api);
        GetSpc.Map(api);
        GetBreakdownRatings.Map(api);
        GetComparison.Map(api);
        GetLeague.Map(api);
        ImportBenchmarks.Map(uploads);
        ListBenchmarks.Map(api);
        WithdrawBenchmarks.Map(api);
        CountWorkingDays.Map(api);
        Features.Activity.GetActivity.Map(api);
        Features.Activity.RebuildProjections.Map(api);
        Features.Admin.ExportEvents.Map(api);
        Features.Catalogue.DefineLocalMeasure.Map(api);
        Features.Catalogue.SetLocalName.Map(api);
        Features.Catalogue.SetPerformanceGroups.Map(api);
        Features.Catalogue.SetLabelScheme.Map(api);
        Features.Catalogue.GetAuthorityCatalogue.Map(api);
        Features.Catalogue.ListAuthorityMeasures.Map(api);
        Features.Catalogue.SetSchedule.Map(api);
        Features.Catalogue.GetSchedule.Map(api);
        Features.Catalogue.MarkPeriods.Map(api);
        Features.Catalogue.GetOverdue.Map(api);
        Features.Catalogue.WriteCommentary.Map(api);
        Features.Catalogue.GetCommentary.Map(api);
        Features.Catalogue.WithdrawCommentary.Map(api);
        Features.Dashboard.GetDashboard.Map(api);
        Features.Dashboard.GetChart.Map(api);
    }
}
