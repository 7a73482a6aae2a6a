using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Hush.ExtProc.Tests.Notifications;

/// <summary>A <see cref="FakeTimeProvider"/> that also records the due time of every timer created (delays and timeouts).</summary>
internal sealed class RecordingTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    /// <summary>The fake clock; advance it to fire timers.</summary>
    public FakeTimeProvider Fake => inner;

    /// <summary>Due times of the timers created so far.</summary>
    public IReadOnlyList<TimeSpan> DueTimes => [.. _dueTimes];

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    /// <inheritdoc />
    public override long GetTimestamp() => inner.GetTimestamp();

    /// <inheritdoc />
    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _dueTimes.Enqueue(dueTime);
        return inner.CreateTimer(callback, state, dueTime, period);
    }
}
