using Prometheus;

namespace Hush.ExtProc.Sinks;

/// <summary>Instruments of the SIEM sinks, labelled by sink name (a configured, bounded set).</summary>
internal sealed class SinkMetrics
{
    /// <summary>Creates the instruments in <paramref name="registry"/> (the server's <c>HushMetrics.Registry</c>).</summary>
    public SinkMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        Lag = factory.CreateGauge("hush_siem_sink_lag_records", "Audit records queued or in flight to a SIEM sink, not yet delivered.", "sink");
        Dropped = factory.CreateCounter("hush_siem_sink_dropped_records_total",
            "Audit records a SIEM sink gave up on (queue full, rejected batch, shutdown).", "sink");
        Sent = factory.CreateCounter("hush_siem_sink_sent_records_total", "Audit records delivered to a SIEM sink.", "sink");
        Errors = factory.CreateCounter("hush_siem_sink_errors_total", "Failed delivery attempts (connect, write, HTTP status, timeout) of a SIEM sink.", "sink");
    }

    /// <summary>Records queued or in flight, not yet delivered, by sink.</summary>
    public Gauge Lag { get; }

    /// <summary>Records dropped, by sink.</summary>
    public Counter Dropped { get; }

    /// <summary>Records delivered, by sink.</summary>
    public Counter Sent { get; }

    /// <summary>Failed delivery attempts, by sink.</summary>
    public Counter Errors { get; }
}
