namespace Hush.ExtProc.Sinks;

/// <summary>Retry delays shared by the SIEM sinks and the hold notifier: exponential backoff and a server's Retry-After.</summary>
internal static class Backoff
{
    /// <summary>The delay before retry number <paramref name="retry"/> (1 = first retry): <paramref name="initial"/> doubled per retry, capped at <paramref name="max"/>.</summary>
    public static TimeSpan Delay(int retry, TimeSpan initial, TimeSpan max)
    {
        if (initial <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // The exponent is bounded so a long outage cannot overflow the tick count.
        var ticks = initial.Ticks * Math.Pow(2, Math.Clamp(retry - 1, 0, 40));
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The response's Retry-After (delta seconds, or an HTTP date relative to <paramref name="now"/>), at least zero
    /// and capped at <paramref name="max"/> so a hostile or broken receiver cannot stall the queue for hours; null when absent.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now, TimeSpan max)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        var delay = header.Delta ?? (header.Date is { } date ? date - now : null);
        if (delay is not { } d)
        {
            return null;
        }

        return d < TimeSpan.Zero ? TimeSpan.Zero : d > max ? max : d;
    }
}
