namespace Hush.ExtProcBench.Load;

/// <summary>
/// Client-side tallies of one level run, updated by every stream with interlocked operations. Latency and the
/// window counters only move while <see cref="Recording"/> is set (the measured steady-state window).
/// </summary>
internal sealed class LevelCounters
{
    private long _chunksSent;
    private long _chunksAnswered;
    private long _windowAnswered;
    private long _streamsStarted;
    private long _streamsCompleted;
    private long _streamErrors;
    private long _leaks;
    private long _passThroughViolations;
    private long _protocolViolations;
    private long _planted;
    private long _split;
    private long _streamsReady;
    private volatile bool _recording;

    /// <summary>Added latency per body chunk (send → answer) seen by the client, in the window.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Added latency of each stream's first body chunk: what the client adds to time-to-first-token.</summary>
    public LatencyHistogram FirstChunkLatency { get; } = new();

    /// <summary>Whether the measured window is open.</summary>
    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    /// <summary>Body chunks sent (whole run).</summary>
    public long ChunksSent => Interlocked.Read(ref _chunksSent);

    /// <summary>Body chunks answered (whole run).</summary>
    public long ChunksAnswered => Interlocked.Read(ref _chunksAnswered);

    /// <summary>Answers of any kind received in the window.</summary>
    public long WindowAnswered => Interlocked.Read(ref _windowAnswered);

    /// <summary>Streams opened.</summary>
    public long StreamsStarted => Interlocked.Read(ref _streamsStarted);

    /// <summary>Streams whose every message was answered.</summary>
    public long StreamsCompleted => Interlocked.Read(ref _streamsCompleted);

    /// <summary>Streams that failed (gRPC error, unexpected end).</summary>
    public long StreamErrors => Interlocked.Read(ref _streamErrors);

    /// <summary>Planted secrets found in the masking server's output (must be 0).</summary>
    public long Leaks => Interlocked.Read(ref _leaks);

    /// <summary>Pass-through answers that were not a plain CONTINUE (must be 0).</summary>
    public long PassThroughViolations => Interlocked.Read(ref _passThroughViolations);

    /// <summary>Answers of the wrong type for the message they pair with (must be 0).</summary>
    public long ProtocolViolations => Interlocked.Read(ref _protocolViolations);

    /// <summary>Fake secrets sent complete.</summary>
    public long Planted => Interlocked.Read(ref _planted);

    /// <summary>Of those, secrets split across two chunks.</summary>
    public long Split => Interlocked.Read(ref _split);

    /// <summary>Streams whose first life got both headers answered (the ramp is over when this reaches the level).</summary>
    public long StreamsReady => Interlocked.Read(ref _streamsReady);

    /// <summary>
    /// How late body chunks were sent against their schedule, in the window: a loaded load generator (or machine)
    /// shows here, not in the server's figures.
    /// </summary>
    public LatencyHistogram SendLag { get; } = new();

    /// <summary>Counts a chunk sent <paramref name="lagTicks"/> after it was due.</summary>
    public void ChunkSent(long lagTicks, long frequency)
    {
        Interlocked.Increment(ref _chunksSent);
        if (_recording)
        {
            SendLag.Record(lagTicks, frequency);
        }
    }

    /// <summary>Counts an answer to a body chunk and records its latency when the window is open.</summary>
    public void ChunkAnswered(long latencyTicks, long frequency, bool first)
    {
        Interlocked.Increment(ref _chunksAnswered);
        if (_recording)
        {
            Interlocked.Increment(ref _windowAnswered);
            Latency.Record(latencyTicks, frequency);
            if (first)
            {
                FirstChunkLatency.Record(latencyTicks, frequency);
            }
        }
    }

    /// <summary>Counts an answer to a headers message.</summary>
    public void HeadersAnswered()
    {
        if (_recording)
        {
            Interlocked.Increment(ref _windowAnswered);
        }
    }

    /// <summary>Counts a stream opened.</summary>
    public void StreamStarted() => Interlocked.Increment(ref _streamsStarted);

    /// <summary>Counts a stream completed with the secrets it carried.</summary>
    public void StreamCompleted(int planted, int split)
    {
        Interlocked.Increment(ref _streamsCompleted);
        Interlocked.Add(ref _planted, planted);
        Interlocked.Add(ref _split, split);
    }

    /// <summary>Counts a failed stream.</summary>
    public void StreamFailed() => Interlocked.Increment(ref _streamErrors);

    /// <summary>Counts a leaked secret.</summary>
    public void Leak() => Interlocked.Increment(ref _leaks);

    /// <summary>Counts a pass-through answer that changed something.</summary>
    public void PassThroughViolation() => Interlocked.Increment(ref _passThroughViolations);

    /// <summary>Counts an answer of the wrong type.</summary>
    public void ProtocolViolation() => Interlocked.Increment(ref _protocolViolations);

    /// <summary>Counts a stream whose headers were answered for the first time.</summary>
    public void StreamReady() => Interlocked.Increment(ref _streamsReady);
}
