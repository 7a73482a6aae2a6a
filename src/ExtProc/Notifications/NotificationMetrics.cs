using Prometheus;

namespace Hush.ExtProc.Notifications;

/// <summary>Instruments of hold notifications. The only label is the payload format (json, slack).</summary>
internal sealed class NotificationMetrics
{
    /// <summary>Creates the instruments in <paramref name="registry"/> (the server's <c>HushMetrics.Registry</c>).</summary>
    public NotificationMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        Sent = factory.CreateCounter("hush_notifications_sent_total", "Hold notifications delivered, by format.", "format");
        Failed = factory.CreateCounter("hush_notifications_failed_total",
            "Hold notifications given up (attempts exhausted or a 4xx answer), by format.", "format");
        Retries = factory.CreateCounter("hush_notifications_retries_total", "Hold notification attempts retried.");
        Dropped = factory.CreateCounter("hush_notifications_dropped_total", "Hold notifications dropped because a webhook's queue was full or Hush stopped.");
    }

    /// <summary>Delivered notifications, by format.</summary>
    public Counter Sent { get; }

    /// <summary>Notifications given up, by format.</summary>
    public Counter Failed { get; }

    /// <summary>Retried attempts.</summary>
    public Counter Retries { get; }

    /// <summary>Dropped notifications.</summary>
    public Counter Dropped { get; }
}
