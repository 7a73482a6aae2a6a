namespace Hush.ExtProcBench.Load;

/// <summary>
/// Thread-safe latency histogram: 1 µs buckets up to 100 ms, 1 ms buckets up to 100 s (larger values land in the
/// last bucket). Exact to the bucket width, lock-free (one interlocked increment per sample).
/// </summary>
internal sealed class LatencyHistogram
{
    private const int FineBuckets = 100_000;
    private const int CoarseBuckets = 100_000;
    private readonly long[] _counts = new long[FineBuckets + CoarseBuckets];
    private long _total;

    /// <summary>Samples recorded.</summary>
    public long Count => Interlocked.Read(ref _total);

    /// <summary>Records one latency given in Stopwatch/TimeProvider ticks of <paramref name="frequency"/> per second.</summary>
    public void Record(long ticks, long frequency)
    {
        var micros = ticks <= 0 ? 0 : ticks * 1_000_000 / frequency;
        int index;
        if (micros < FineBuckets)
        {
            index = (int)micros;
        }
        else
        {
            var millis = micros / 1000;
            index = (int)Math.Min(FineBuckets + millis - (FineBuckets / 1000), FineBuckets + CoarseBuckets - 1);
        }

        Interlocked.Increment(ref _counts[index]);
        Interlocked.Increment(ref _total);
    }

    /// <summary>
    /// Adds every sample of <paramref name="other"/> to this histogram (pooling the rounds of a level). Neither may be
    /// recorded into meanwhile.
    /// </summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        _total += other._total;
    }

    /// <summary>The <paramref name="q"/> quantile in microseconds (upper edge of its bucket); NaN when empty.</summary>
    public double QuantileMicros(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(q * total);
        rank = Math.Max(rank, 1);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return i < FineBuckets ? i + 1 : (i - FineBuckets + (FineBuckets / 1000) + 1) * 1000.0;
            }
        }

        return double.PositiveInfinity;
    }
}
