namespace KpiService.Grpc;

/// <summary>The gRPC status codes (grpc/grpc doc/statuscodes.md).</summary>
public enum StatusCode
{
    OK = 0, Cancelled = 1, Unknown = 2, InvalidArgument = 3, DeadlineExceeded = 4, NotFound = 5, AlreadyExists = 6,
    PermissionDenied = 7, ResourceExhausted = 8, FailedPrecondition = 9, Aborted = 10, OutOfRange = 11, Unimplemented = 12,
    Internal = 13, Unavailable = 14, DataLoss = 15, Unauthenticated = 16,
}

/// <summary>Ends a call with a status. <c>Details</c> becomes the <c>grpc-status-details-bin</c> trailer (a google.rpc.Status).</summary>
public sealed class RpcException(StatusCode status, string message, Google.Rpc.Status? details = null) : Exception(message)
{
    public StatusCode Status { get; } = status;
    public Google.Rpc.Status? Details { get; } = details;

    public static RpcException InvalidArgument(string message, IEnumerable<(string Field, string Description)> violations)
    {
        var badRequest = new Google.Rpc.BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new Google.Rpc.BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        var status = new Google.Rpc.Status { Code = (int)StatusCode.InvalidArgument, Message = message };
        status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(badRequest));
        return new RpcException(StatusCode.InvalidArgument, message, status);
    }
}
