using System.Diagnostics.CodeAnalysis;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KpiService.Common;
using Status = Google.Rpc.Status;

namespace KpiService.Api.Grpc;

/// <summary>
/// Our exception vocabulary as gRPC statuses, the counterpart of REST's problem details: invalid input is
/// INVALID_ARGUMENT with a <c>google.rpc.BadRequest</c> naming every field (in grpc-status-details-bin), not found
/// NOT_FOUND, a lost race ABORTED, a stale etag or a broken rule FAILED_PRECONDITION, no key UNAUTHENTICATED, a scope
/// missing PERMISSION_DENIED, the database away UNAVAILABLE. Anything else is a bug: logged, and INTERNAL.
/// </summary>
public static class GrpcErrors
{
    public static RpcException? Map(Exception exception, ServerCallContext context, ILogger logger)
    {
        // A deadline or a client that went away: Grpc.AspNetCore reports DEADLINE_EXCEEDED or CANCELLED itself.
        if (context.CancellationToken.IsCancellationRequested) return null;
        return exception switch
        {
            ValidationFailedException v => InvalidArgument(v.Message, v.Errors),
            RuleViolatedException { Errors: { } errors } r => WithViolations(Code.FailedPrecondition, r.Message, errors),
            NotFoundException => Plain(StatusCode.NotFound, exception.Message),
            ConflictException => Plain(StatusCode.Aborted, exception.Message),
            _ when StoreFailures.IsConflict(exception) => Plain(StatusCode.Aborted, "Another writer changed this at the same moment; nothing was stored."),
            PreconditionFailedException or RuleViolatedException => Plain(StatusCode.FailedPrecondition, exception.Message),
            UnauthenticatedException => Plain(StatusCode.Unauthenticated, exception.Message),
            ForbiddenException => Plain(StatusCode.PermissionDenied, exception.Message),
            UnsupportedMediaTypeException => Plain(StatusCode.InvalidArgument, exception.Message),
            _ when StoreFailures.IsUnavailable(exception) => Plain(StatusCode.Unavailable, "The database is unavailable just now; nothing was stored. Retry shortly."),
            _ => Bug(exception, context, logger),
        };
    }

    public static RpcException InvalidArgument(string message, IReadOnlyDictionary<string, string[]> errors) =>
        WithViolations(Code.InvalidArgument, message, errors);

    /// <summary>Ends the call with INVALID_ARGUMENT naming one field: for checks made in the gRPC layer itself.</summary>
    [DoesNotReturn]
    public static void ThrowInvalidArgument(string field, string problem) =>
        throw InvalidArgument($"{field}: {problem}", new Dictionary<string, string[]> { [field] = [problem] });

    private static RpcException WithViolations(Code code, string message, IReadOnlyDictionary<string, string[]> errors)
    {
        var badRequest = new BadRequest();
        foreach (var (field, problems) in errors)
            foreach (var problem in problems)
                badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = problem });
        return new Status { Code = (int)code, Message = message, Details = { Any.Pack(badRequest) } }.ToRpcException();
    }

    private static RpcException Plain(StatusCode code, string message) => new(new global::Grpc.Core.Status(code, message));

    private static RpcException Bug(Exception exception, ServerCallContext context, ILogger logger)
    {
        logger.LogError(exception, "gRPC call {Method} failed", context.Method);
        return Plain(StatusCode.Internal, "Internal error; it has been logged.");
    }
}
