using System.Text;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace KpiService.Grpc;

/// <summary>
/// Serves gRPC over Kestrel's HTTP/2: routes <c>POST /{package}.{Service}/{Method}</c>, requires
/// <c>application/grpc</c>, applies <c>grpc-timeout</c> as a deadline, and ends every call with a status — in the
/// headers (trailers-only) when nothing was sent, in the trailers otherwise. Requests that are not gRPC pass on.
/// </summary>
public sealed class GrpcDispatcher(RequestDelegate next, GrpcServices services, GrpcOptions options, ILogger<GrpcDispatcher> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var contentType = http.Request.ContentType;
        var isGrpc = contentType is not null && contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
        if (!isGrpc || !HttpProtocol.IsHttp2(http.Request.Protocol))
        {
            if (HttpProtocol.IsHttp2(http.Request.Protocol) && http.Request.Method == HttpMethods.Post && !isGrpc && services.Find(http.Request.Path) is not null)
            {
                http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                return;
            }
            await next(http);
            return;
        }
        if (contentType!.Length > "application/grpc".Length && !contentType.StartsWith("application/grpc+proto", StringComparison.OrdinalIgnoreCase)
            && !contentType.StartsWith("application/grpc;", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        http.Response.ContentType = "application/grpc";
        // Let the message stream flow in both directions as it arrives, without buffering the request body.
        http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = null;
        var timeout = Deadlines.Parse(http.Request.Headers["grpc-timeout"]);
        using var deadline = new CancellationTokenSource();
        if (timeout is { } t) deadline.CancelAfter(t > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : t);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, http.RequestAborted);
        var method = services.Find(http.Request.Path);
        var context = new CallContext(http, http.Request.Path, timeout is null ? null : DateTime.UtcNow + timeout.Value, linked.Token);

        StatusCode status;
        string? message = null;
        Google.Rpc.Status? details = null;
        try
        {
            if (method is null) throw new RpcException(StatusCode.Unimplemented, $"Method {http.Request.Path} is not implemented.");
            if (!string.IsNullOrEmpty(http.Request.Headers["grpc-encoding"]) && http.Request.Headers["grpc-encoding"] != "identity")
                http.Response.Headers["grpc-accept-encoding"] = "identity";
            await options.BeforeCall(context, method);
            await method.Invoke(http.Request.BodyReader, http.Response.BodyWriter, context, options);
            status = StatusCode.OK;
        }
        catch (RpcException e)
        {
            (status, message, details) = (e.Status, e.Message, e.Details);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            (status, message) = (StatusCode.DeadlineExceeded, "Deadline exceeded.");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // the client cancelled: nobody is listening for a status
        }
        catch (Exception e) when (options.MapException(e, context) is { } mapped)
        {
            (status, message, details) = (mapped.Status, mapped.Message, mapped.Details);
        }
        catch (Exception e)
        {
            logger.LogError(e, "gRPC call {Method} failed", http.Request.Path);
            (status, message) = (StatusCode.Internal, "Internal error; it has been logged.");
        }
        WriteStatus(http, context, status, message, details);
    }

    private static void WriteStatus(HttpContext http, CallContext context, StatusCode status, string? message, Google.Rpc.Status? details)
    {
        // Trailers-only: before the body starts the status travels in the headers; afterwards in the trailers.
        void Set(string key, string value)
        {
            if (!http.Response.HasStarted) http.Response.Headers[key] = value;
            else http.Response.AppendTrailer(key, value);
        }
        foreach (var (key, value) in context.ResponseTrailers) Set(key, value);
        Set("grpc-status", ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(message)) Set("grpc-message", PercentEncode(message));
        if (details is not null) Set("grpc-status-details-bin", Convert.ToBase64String(details.ToByteArray()).TrimEnd('='));
    }

    /// <summary>grpc-message is percent-encoded UTF-8: bytes outside 0x20–0x7E, and '%', become %XX.</summary>
    public static string PercentEncode(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%') builder.Append((char)b);
            else builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        return builder.ToString();
    }
}
