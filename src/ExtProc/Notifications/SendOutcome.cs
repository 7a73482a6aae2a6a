namespace Hush.ExtProc.Notifications;

/// <summary>The result of one delivery attempt.</summary>
/// <param name="Delivered">The receiver answered 2xx.</param>
/// <param name="Retryable">A later attempt may succeed (network error, timeout, 5xx, 429).</param>
/// <param name="RetryAfter">The receiver's Retry-After, when it sent one.</param>
/// <param name="Failure">What went wrong, for the log (a status or error kind, never content).</param>
internal readonly record struct SendOutcome(bool Delivered, bool Retryable, TimeSpan? RetryAfter, string Failure)
{
    /// <summary>A delivered notification.</summary>
    public static SendOutcome Ok => new(true, false, null, "");
}
