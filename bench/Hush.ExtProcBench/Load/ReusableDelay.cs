using System.Threading.Tasks.Sources;

namespace Hush.ExtProcBench.Load;

/// <summary>
/// One stream slot's pacing timer: <c>Task.Delay</c> allocates a timer and a promise per chunk, garbage whose
/// collections would pause the load generator and show up as latency it never saw. This keeps one timer and one
/// reusable waiter for the life of the slot. One wait at a time.
/// </summary>
internal sealed class ReusableDelay : IValueTaskSource, IDisposable
{
    private const int Idle = 0;
    private const int Waiting = 1;
    private readonly ITimer _timer;
    private readonly CancellationToken _abort;
    private readonly CancellationTokenRegistration _registration;
    private ManualResetValueTaskSourceCore<bool> _waiter;
    private int _state;

    /// <summary>Creates the timer on <paramref name="time"/>; cancelling <paramref name="abort"/> fails the wait in progress.</summary>
    public ReusableDelay(TimeProvider time, CancellationToken abort)
    {
        _abort = abort;
        _timer = time.CreateTimer(static state => ((ReusableDelay)state!).Fire(null), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _registration = abort.Register(static state =>
        {
            var delay = (ReusableDelay)state!;
            delay.Fire(new OperationCanceledException(delay._abort));
        }, this);
    }

    /// <summary>Completes after <paramref name="delay"/>, or fails when the slot is aborted.</summary>
    public ValueTask WaitAsync(TimeSpan delay)
    {
        _abort.ThrowIfCancellationRequested();
        _waiter.Reset();
        Volatile.Write(ref _state, Waiting);
        _timer.Change(delay, Timeout.InfiniteTimeSpan);
        if (_abort.IsCancellationRequested)
        {
            Fire(new OperationCanceledException(_abort));
        }

        return new ValueTask(this, _waiter.Version);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _registration.Dispose();
        _timer.Dispose();
    }

    private void Fire(Exception? failure)
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Waiting) != Waiting)
        {
            return;
        }

        if (failure is null)
        {
            _waiter.SetResult(true);
        }
        else
        {
            _waiter.SetException(failure);
        }
    }

    /// <inheritdoc />
    void IValueTaskSource.GetResult(short token) => _waiter.GetResult(token);

    /// <inheritdoc />
    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _waiter.GetStatus(token);

    /// <inheritdoc />
    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _waiter.OnCompleted(continuation, state, token, flags);
}
