using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KpiService.Tests;

/// <summary>
/// Every line a hosted service logs at or above <see cref="Minimum"/>, with its category and exception, kept in memory
/// so a test can assert on them or print them when something the server did explains a failure.
/// </summary>
public sealed class CapturedLogs(LogLevel minimum = LogLevel.Trace) : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public LogLevel Minimum { get; } = minimum;

    public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);
    public void Dispose() { }

    private sealed class Capturing(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            if (logs.Minimum <= LogLevel.Trace) logs.Lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel >= logs.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) logs.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
