using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace KpiService.Grpc;

/// <summary>
/// The gRPC length-prefixed message: one flag byte (compressed or not), a big-endian uint32 length, the message.
/// </summary>
public static class Framing
{
    public const int HeaderLength = 5;

    /// <summary>Reads the next message, or null at the end of the request stream.</summary>
    public static async Task<T?> ReadAsync<T>(PipeReader reader, MessageParser<T> parser, int maxMessageSize, CancellationToken cancellationToken) where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (TryParse(ref buffer, parser, maxMessageSize, out var message))
            {
                reader.AdvanceTo(buffer.Start);
                return message;
            }
            if (result.IsCompleted)
            {
                if (buffer.Length > 0) throw new RpcException(StatusCode.Internal, "The request ended in the middle of a message frame.");
                reader.AdvanceTo(buffer.End);
                return null;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryParse<T>(ref ReadOnlySequence<byte> buffer, MessageParser<T> parser, int maxMessageSize, out T? message) where T : class, IMessage<T>
    {
        message = null;
        if (buffer.Length < HeaderLength) return false;
        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (header[0] == 1) throw new RpcException(StatusCode.Unimplemented, "Compressed messages are not supported; send them uncompressed (grpc-encoding identity).");
        if (header[0] > 1) throw new RpcException(StatusCode.Internal, $"Invalid frame flag {header[0]}.");
        if (length > maxMessageSize) throw new RpcException(StatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {maxMessageSize}).");
        if (buffer.Length < HeaderLength + length) return false;
        var payload = buffer.Slice(HeaderLength, length);
        try
        {
            message = parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(StatusCode.Internal, "The request message could not be parsed: " + e.Message);
        }
        buffer = buffer.Slice(payload.End);
        return true;
    }

    public static async Task WriteAsync(PipeWriter writer, IMessage message, int maxMessageSize, CancellationToken cancellationToken)
    {
        var size = message.CalculateSize();
        if (size > maxMessageSize) throw new RpcException(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {maxMessageSize}).");
        var header = writer.GetSpan(HeaderLength);
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)size);
        writer.Advance(HeaderLength);
        message.WriteTo(writer);
        await writer.FlushAsync(cancellationToken);
    }
}
