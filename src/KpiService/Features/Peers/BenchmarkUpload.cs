using System.IO.Compression;
using System.Text;
using KpiService.Common;

namespace KpiService.Features.Peers;

/// <summary>
/// A published file as sent: plain CSV, or gzip-compressed (recognised by its first two bytes, whatever the headers
/// say), as analysts keep LAIT's 24 MB download (1.7 MB compressed). Read as strict UTF-8; a compressed body may
/// expand to at most <see cref="MaxExpandedBytes"/>, so a small hostile body cannot run for ever.
/// </summary>
public static class BenchmarkUpload
{
    public const long MaxExpandedBytes = 256L * 1024 * 1024;

    /// <summary>A reader over <paramref name="body"/>, decompressing it if it is gzip. The body must be seekable (REST buffers it).</summary>
    public static TextReader Open(Stream body)
    {
        var gzip = false;
        if (body.CanSeek)
        {
            var start = body.Position;
            gzip = body.ReadByte() == 0x1f && body.ReadByte() == 0x8b;
            body.Position = start;
        }
        Stream text = gzip ? new LimitedStream(new GZipStream(body, CompressionMode.Decompress), MaxExpandedBytes) : body;
        return new StreamReader(text, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
    }

    /// <summary>What reading the body failed on, as the field problem the import answers with; null for any other failure.</summary>
    public static ValidationFailedException? Problem(Exception exception, string field) => exception switch
    {
        DecoderFallbackException => ValidationFailedException.Of(field, "is not valid UTF-8: save the file as CSV UTF-8."),
        InvalidDataException => ValidationFailedException.Of(field, "starts as a gzip file but is not one that can be read."),
        TooLargeException => ValidationFailedException.Of(field, $"expands to more than {MaxExpandedBytes / 1024 / 1024} MB: split the file."),
        _ => null,
    };

    private sealed class TooLargeException() : IOException("The decompressed body is too large.");

    /// <summary>Reads through to <c>inner</c>, refusing to give more than <c>limit</c> bytes.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            if ((_read += read) > limit) throw new TooLargeException();
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
