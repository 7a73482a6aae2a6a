namespace Hush.ExtProc.Sinks;

/// <summary>
/// Log messages of the SIEM sinks (source-generated). They name the sink, counts and failure kinds; never a record's
/// content, a URL (it may carry a token) or a header value.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(720, LogLevel.Information, "SIEM sink '{Sink}' ({Type}) started")]
    public static partial void Started(ILogger logger, string sink, SinkType type);

    [LoggerMessage(721, LogLevel.Warning, "SIEM sink '{Sink}': delivery of {Records} records failed (attempt {Attempt}, {Failure}); retrying in {Delay}")]
    public static partial void DeliveryFailed(ILogger logger, string sink, int records, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(722, LogLevel.Error, "SIEM sink '{Sink}': the receiver rejected a batch of {Records} records ({Failure}); the batch is dropped")]
    public static partial void BatchRejected(ILogger logger, string sink, int records, string failure);

    [LoggerMessage(723, LogLevel.Warning, "SIEM sink '{Sink}': queue full ({Capacity} records), dropping the oldest records until it drains")]
    public static partial void QueueFull(ILogger logger, string sink, int capacity);

    [LoggerMessage(724, LogLevel.Warning, "SIEM sink '{Sink}' stopped with {Records} records undelivered (counted as dropped)")]
    public static partial void StoppedWithBacklog(ILogger logger, string sink, long records);

    [LoggerMessage(725, LogLevel.Information, "SIEM sink '{Sink}' connected to the syslog collector {Endpoint}")]
    public static partial void Connected(ILogger logger, string sink, string endpoint);

    [LoggerMessage(726, LogLevel.Information, "SIEM sink '{Sink}' delivered again after {Attempts} attempts")]
    public static partial void Recovered(ILogger logger, string sink, int attempts);

    [LoggerMessage(727, LogLevel.Error, "SIEM sink '{Sink}' loop failed unexpectedly")]
    public static partial void LoopCrashed(ILogger logger, string sink, Exception exception);
}
