using System.IO.Pipelines;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace KpiService.Grpc;

public enum MethodType { Unary, ServerStreaming, DuplexStreaming }

/// <summary>One callable method: its full name and how to run it against a request body and response.</summary>
public sealed class Method
{
    public required string Service { get; init; }
    public required string Name { get; init; }
    public required MethodType Type { get; init; }
    public required Func<PipeReader, PipeWriter, CallContext, GrpcOptions, Task> Invoke { get; init; }
    public string Path => $"/{Service}/{Name}";
}

/// <summary>
/// The methods the server answers, registered against generated message types. Knows nothing of what the
/// methods do: the host registers handlers, and reflection reads the service descriptors registered here.
/// </summary>
public sealed class GrpcServices
{
    private readonly Dictionary<string, Method> _methods = new(StringComparer.Ordinal);
    private readonly List<FileDescriptor> _files = [];

    public IReadOnlyCollection<Method> Methods => _methods.Values;
    public IReadOnlyList<FileDescriptor> Files => _files;
    public IEnumerable<string> ServiceNames => _methods.Values.Select(m => m.Service).Distinct();

    public Method? Find(string path) => _methods.GetValueOrDefault(path);

    /// <summary>Makes a .proto file's services discoverable through reflection.</summary>
    public GrpcServices Describe(FileDescriptor file)
    {
        if (!_files.Contains(file)) _files.Add(file);
        return this;
    }

    public GrpcServices Unary<TRequest, TResponse>(string service, string name, MessageParser<TRequest> parser, Func<TRequest, CallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest> where TResponse : IMessage =>
        Add(new Method
        {
            Service = service, Name = name, Type = MethodType.Unary,
            Invoke = async (reader, writer, context, options) =>
            {
                var request = await ReadSingleAsync(reader, parser, context, options);
                var response = await handler(request, context);
                await Framing.WriteAsync(writer, response, options.MaxSendMessageSize, context.CancellationToken);
            },
        });

    public GrpcServices ServerStreaming<TRequest, TResponse>(string service, string name, MessageParser<TRequest> parser, Func<TRequest, IServerStreamWriter<TResponse>, CallContext, Task> handler)
        where TRequest : class, IMessage<TRequest> where TResponse : IMessage =>
        Add(new Method
        {
            Service = service, Name = name, Type = MethodType.ServerStreaming,
            Invoke = async (reader, writer, context, options) =>
            {
                var request = await ReadSingleAsync(reader, parser, context, options);
                await handler(request, new StreamWriter<TResponse>(writer, context, options), context);
            },
        });

    public GrpcServices DuplexStreaming<TRequest, TResponse>(string service, string name, MessageParser<TRequest> parser, Func<IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, CallContext, Task> handler)
        where TRequest : class, IMessage<TRequest> where TResponse : IMessage =>
        Add(new Method
        {
            Service = service, Name = name, Type = MethodType.DuplexStreaming,
            Invoke = (reader, writer, context, options) =>
                handler(new StreamReader<TRequest>(reader, parser, context, options), new StreamWriter<TResponse>(writer, context, options), context),
        });

    /// <summary>Unary and server-streaming calls carry exactly one request message, then the end of the stream.</summary>
    private static async Task<T> ReadSingleAsync<T>(PipeReader reader, MessageParser<T> parser, CallContext context, GrpcOptions options) where T : class, IMessage<T>
    {
        var request = await Framing.ReadAsync(reader, parser, options.MaxReceiveMessageSize, context.CancellationToken)
            ?? throw new RpcException(StatusCode.Internal, "The call needs exactly one request message; none was sent.");
        if (await Framing.ReadAsync(reader, parser, options.MaxReceiveMessageSize, context.CancellationToken) is not null)
            throw new RpcException(StatusCode.Internal, "The call takes one request message; more were sent.");
        return request;
    }

    private GrpcServices Add(Method method)
    {
        _methods[method.Path] = method;
        return this;
    }

    private sealed class StreamWriter<T>(PipeWriter writer, CallContext context, GrpcOptions options) : IServerStreamWriter<T> where T : IMessage
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        public async Task WriteAsync(T message)
        {
            // Writes may come from more than one task (a watcher and a heartbeat); frames must not interleave.
            await _gate.WaitAsync(context.CancellationToken);
            try { await Framing.WriteAsync(writer, message, options.MaxSendMessageSize, context.CancellationToken); }
            finally { _gate.Release(); }
        }
    }

    private sealed class StreamReader<T>(PipeReader reader, MessageParser<T> parser, CallContext context, GrpcOptions options) : IAsyncStreamReader<T> where T : class, IMessage<T>
    {
        public async IAsyncEnumerable<T> ReadAllAsync()
        {
            while (await Framing.ReadAsync(reader, parser, options.MaxReceiveMessageSize, context.CancellationToken) is { } message)
                yield return message;
        }
    }
}

public sealed class GrpcOptions
{
    /// <summary>4 MB, gRPC's usual default.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;
    public int MaxSendMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Turns an exception a handler threw into a status; return null to treat it as INTERNAL.</summary>
    public Func<Exception, CallContext, RpcException?> MapException { get; set; } = (_, _) => null;

    /// <summary>Runs before every call (authentication, say); throw an RpcException to refuse it.</summary>
    public Func<CallContext, Method, Task> BeforeCall { get; set; } = (_, _) => Task.CompletedTask;
}
