using Microsoft.AspNetCore.Http;

namespace KpiService.Grpc;

/// <summary>One call as a handler sees it: request metadata, a cancellation token that fires on deadline or client cancel, response metadata.</summary>
public sealed class CallContext(HttpContext http, string method, DateTime? deadline, CancellationToken cancellationToken)
{
    public HttpContext HttpContext { get; } = http;
    public string Method { get; } = method;
    public DateTime? Deadline { get; } = deadline;
    public CancellationToken CancellationToken { get; } = cancellationToken;
    public IServiceProvider Services => HttpContext.RequestServices;

    /// <summary>A request metadata value (lower-case key, as HTTP/2 sends them).</summary>
    public string? Metadata(string key) => HttpContext.Request.Headers.TryGetValue(key, out var value) ? value.ToString() : null;

    /// <summary>Metadata sent back to the client in the trailers.</summary>
    public Dictionary<string, string> ResponseTrailers { get; } = [];
}

/// <summary>Writes messages of a server stream; each write is one length-prefixed frame, flushed at once.</summary>
public interface IServerStreamWriter<in T>
{
    Task WriteAsync(T message);
}

/// <summary>Reads the messages of a client stream as they arrive.</summary>
public interface IAsyncStreamReader<T>
{
    IAsyncEnumerable<T> ReadAllAsync();
}
