using KpiService.Features.Authorities;
using KpiService.Features.Clients;
using KpiService.Features.ComparatorGroups;
using KpiService.Features.Figures;
using KpiService.Features.Measures;
using KpiService.Features.Peers;
using KpiService.Features.Ratings;
using KpiService.Features.Targets;
using KpiService.Features.WorkingDays;

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

    public static void MapRestApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).AddEndpointFilter(RequireBody);
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
        SubmitFigure.Map(api);
        WithdrawFigure.Map(api);
        SubmitReturn.Map(api);
        GetFigures.Map(api);
        GetFigureHistory.Map(api);
        GetFigure.Map(api);
        GetRating.Map(api);
        GetScorecard.Map(api);
        GetSpc.Map(api);
        GetBreakdownRatings.Map(api);
        GetComparison.Map(api);
        GetLeague.Map(api);
        ImportBenchmarks.Map(api);
        CountWorkingDays.Map(api);
        Features.Activity.GetActivity.Map(api);
        Features.Activity.RebuildProjections.Map(api);
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
    }
}
