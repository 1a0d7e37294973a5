using KpiService.Features.Authorities;
using KpiService.Features.Clients;
using KpiService.Features.ComparatorGroups;
using KpiService.Features.Figures;
using KpiService.Features.Measures;
using KpiService.Features.Peers;
using KpiService.Features.Ratings;
using KpiService.Features.Targets;
using KpiService.Features.WorkingDays;

namespace KpiService.Api;

/// <summary>Every REST use case under /api/v1. Each feature file maps its own endpoint.</summary>
public static class RestApi
{
    public static void MapRestApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
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
        GetRating.Map(api);
        GetScorecard.Map(api);
        GetSpc.Map(api);
        GetBreakdownRatings.Map(api);
        GetComparison.Map(api);
        GetLeague.Map(api);
        ImportBenchmarks.Map(api);
        CountWorkingDays.Map(api);
    }
}
