using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hush.ExtProc.Tests.EndToEnd;

/// <summary>An ILoggerProvider that keeps every log line (message, state values, exception) a server writes, at every level.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Everything logged so far.</summary>
    public string Text => string.Join('\n', _lines);

    /// <summary>Lines logged so far.</summary>
    public int Count => _lines.Count;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue(category + " scope " + state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(';', pairs.Select(p => p.Key + "=" + p.Value))
                : "";
            lines.Enqueue($"{logLevel} {category} {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
