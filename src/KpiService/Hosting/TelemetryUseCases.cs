using System.Diagnostics;
using KpiService.Common;
using MediatR;

namespace KpiService.Hosting;

/// <summary>
/// A span and a duration for every use case, whichever transport called it: REST and gRPC requests show the same
/// names (<c>SubmitFigure</c>, <c>GetRating</c>) under their HTTP span, and <c>kpi.usecase.duration</c> says which ones are slow.
/// </summary>
public sealed class TelemetryBehaviour<TRequest, TResponse>(TelemetryMetrics metrics) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string UseCase = typeof(TRequest).DeclaringType?.Name ?? typeof(TRequest).Name;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var activity = TelemetryMetrics.Source.StartActivity(UseCase);
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            return await next();
        }
        catch (Exception e)
        {
            outcome = Outcome(e);
            activity?.SetStatus(outcome is "error" or "unavailable" ? ActivityStatusCode.Error : ActivityStatusCode.Unset, e.GetType().Name);
            throw;
        }
        finally
        {
            activity?.SetTag("kpi.outcome", outcome);
            metrics.UseCaseRan(UseCase, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    // The vocabulary of Common/Errors: a refused request is an outcome, not an error of the service.
    private static string Outcome(Exception e) => e switch
    {
        ValidationFailedException or UnsupportedMediaTypeException => "invalid",
        NotFoundException => "not_found",
        ConflictException or PreconditionFailedException => "conflict",
        UnauthenticatedException or ForbiddenException => "refused",
        RuleViolatedException => "rule_violated",
        OperationCanceledException => "cancelled",
        _ when StoreFailures.IsConflict(e) => "conflict",
        _ when StoreFailures.IsUnavailable(e) => "unavailable",
        _ => "error",
    };
}
