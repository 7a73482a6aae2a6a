namespace Hush.ExtProc.Notifications;

/// <summary>
/// Log messages of hold notifications (source-generated). A webhook is named by its position, format and host: the
/// URL may be a credential (Slack) and header values are secrets. No hold content is logged beyond its id.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(700, LogLevel.Warning, "Hold notification dropped: the queue of webhook {Webhook} is full")]
    public static partial void Dropped(ILogger logger, string webhook);

    [LoggerMessage(701, LogLevel.Warning, "Hold notification {HoldId} to webhook {Webhook} failed (attempt {Attempt} of {MaxAttempts}, {Failure}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string holdId, string webhook, int attempt, int maxAttempts, string failure, TimeSpan delay);

    [LoggerMessage(702, LogLevel.Error, "Hold notification {HoldId} to webhook {Webhook} given up after {Attempts} attempts ({Failure})")]
    public static partial void GaveUp(ILogger logger, string holdId, string webhook, int attempts, string failure);

    [LoggerMessage(703, LogLevel.Error, "Queuing a hold notification failed unexpectedly")]
    public static partial void NotifyFailed(ILogger logger, Exception exception);

    [LoggerMessage(704, LogLevel.Warning, "Hold notifier stopped with {Count} notifications unsent (counted as dropped)")]
    public static partial void StoppedWithBacklog(ILogger logger, int count);

    [LoggerMessage(705, LogLevel.Error, "Hold notification loop of webhook {Webhook} failed unexpectedly")]
    public static partial void LoopCrashed(ILogger logger, string webhook, Exception exception);
}
