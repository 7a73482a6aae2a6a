using Hush.ExtProc.Audit;
using Microsoft.Extensions.Options;

namespace Hush.ExtProc.Sinks;

/// <summary>
/// Builds the configured SIEM sinks and runs their delivery loops for the server's lifetime. The audit writer hands
/// every stored record to <see cref="Publish"/> (or to each of <see cref="Sinks"/>); neither ever blocks.
/// </summary>
internal sealed class AuditSinkHost : IHostedService, IAsyncDisposable, IDisposable
{
    private readonly QueuedAuditSink[] _sinks;

    /// <summary>Creates the sinks; throws <see cref="OptionsValidationException"/> listing every invalid setting.</summary>
    public AuditSinkHost(IReadOnlyList<SinkOptions> options, SinkMetrics metrics, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var errors = SinkOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(SinkServiceCollectionExtensions.Section, typeof(SinkOptions), errors);
        }

        _sinks = new QueuedAuditSink[options.Count];
        for (var i = 0; i < options.Count; i++)
        {
            var o = options[i];
            _sinks[i] = o.Type == SinkType.Syslog
                ? new SyslogSink(o, metrics, time, loggers.CreateLogger<SyslogSink>())
                : new HttpJsonLinesSink(o, metrics, time, loggers.CreateLogger<HttpJsonLinesSink>());
        }
    }

    /// <summary>The configured sinks, in configuration order.</summary>
    public IReadOnlyList<IAuditSink> Sinks => _sinks;

    /// <summary>Queues a stored record on every sink; returns at once.</summary>
    public void Publish(AuditRecord stored)
    {
        foreach (var sink in _sinks)
        {
            sink.Publish(stored);
        }
    }

    /// <summary>Starts every sink's delivery loop.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var sink in _sinks)
        {
            sink.Start();
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops the sinks, letting each drain its queue for up to its <see cref="SinkOptions.DrainTimeout"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        var stops = new Task[_sinks.Length];
        for (var i = 0; i < _sinks.Length; i++)
        {
            stops[i] = _sinks[i].StopAsync(cancellationToken);
        }

        return Task.WhenAll(stops);
    }

    /// <summary>
    /// Synchronous disposal for containers disposed synchronously: blocks for at most the sinks' drain timeouts
    /// (nothing runs on a synchronisation context in the server, so the wait cannot deadlock).
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var sink in _sinks)
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }
    }
}
