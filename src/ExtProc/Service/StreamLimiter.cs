namespace Hush.ExtProc.Service;

/// <summary>Counts open ext_proc streams against <c>Hush:MaxConcurrentStreams</c> (lock-free).</summary>
internal sealed class StreamLimiter
{
    private readonly int _max;
    private int _open;

    /// <summary>Creates the limiter.</summary>
    public StreamLimiter(int max) => _max = max;

    /// <summary>Streams open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Takes a slot; false when the limit is reached.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _open) <= _max)
        {
            return true;
        }

        Interlocked.Decrement(ref _open);
        return false;
    }

    /// <summary>Returns a slot taken by <see cref="TryEnter"/>.</summary>
    public void Exit() => Interlocked.Decrement(ref _open);
}
