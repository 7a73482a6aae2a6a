using Hush.ExtProcBench.Load;

namespace Hush.ExtProcBench.Report;

/// <summary>
/// What one level run measured for one processor, or (from <see cref="LevelSummary.Combine"/>) what all rounds of
/// that level and processor measured together.
/// </summary>
internal sealed record LevelResult
{
    /// <summary>Round the figures come from (1-based); 0 for the combination of several rounds.</summary>
    public int Round { get; init; } = 1;

    /// <summary>Every added-latency sample of the window, kept so that rounds can be pooled.</summary>
    public LatencyHistogram? Latency { get; init; }

    /// <summary>Every first-chunk sample of the window, kept so that rounds can be pooled.</summary>
    public LatencyHistogram? FirstChunkLatency { get; init; }

    /// <summary>
    /// The added-latency p99 of each round, in run order (µs); one entry for a single round. Latency verdicts take
    /// their median, so that one round on a busy machine does not decide them.
    /// </summary>
    public IReadOnlyList<double> ClientP99Rounds { get; init; } = [];

    /// <summary>The first-chunk p99 of each round, in run order (µs).</summary>
    public IReadOnlyList<double> FirstChunkP99Rounds { get; init; } = [];

    /// <summary>Median over rounds of the added-latency p99 (µs); the window's p99 for a single round.</summary>
    public double ClientP99MedianRound => ClientP99Rounds.Count == 0 ? ClientP99Micros : LevelSummary.Median(ClientP99Rounds);

    /// <summary>Median over rounds of the first-chunk p99 (µs); the window's p99 for a single round.</summary>
    public double FirstChunkP99MedianRound => FirstChunkP99Rounds.Count == 0 ? FirstChunkP99Micros : LevelSummary.Median(FirstChunkP99Rounds);

    /// <summary>Processor under test.</summary>
    public required ProcessorKind Kind { get; init; }

    /// <summary>Concurrent streams.</summary>
    public required int Streams { get; init; }

    /// <summary>Length of the measured window (seconds).</summary>
    public required double WindowSeconds { get; init; }

    /// <summary>Messages the server received in the window (all phases).</summary>
    public required double ServerMessages { get; init; }

    /// <summary>Messages per second in the window.</summary>
    public double MessagesPerSecond => WindowSeconds > 0 ? ServerMessages / WindowSeconds : double.NaN;

    /// <summary>Server time per message, median (µs, from histogram deltas).</summary>
    public required double ServerP50Micros { get; init; }

    /// <summary>Server time per message, 99th percentile (µs).</summary>
    public required double ServerP99Micros { get; init; }

    /// <summary>Server time per message, 99.9th percentile (µs).</summary>
    public required double ServerP999Micros { get; init; }

    /// <summary>Server time per message, mean (µs, histogram sum / count).</summary>
    public required double ServerMeanMicros { get; init; }

    /// <summary>Added latency per body chunk seen by the client, median (µs).</summary>
    public required double ClientP50Micros { get; init; }

    /// <summary>Added latency per chunk, 99th percentile (µs).</summary>
    public required double ClientP99Micros { get; init; }

    /// <summary>Added latency per chunk, 99.9th percentile (µs).</summary>
    public required double ClientP999Micros { get; init; }

    /// <summary>Added latency of the first body chunk of each stream (time-to-first-token cost), median (µs).</summary>
    public double FirstChunkP50Micros { get; init; }

    /// <summary>Added latency of the first body chunk, 99th percentile (µs).</summary>
    public double FirstChunkP99Micros { get; init; }

    /// <summary>First body chunks timed in the window (streams that started their life inside it).</summary>
    public long FirstChunkSamples { get; init; }

    /// <summary>How late chunks left the load generator against their schedule, 99th percentile (µs).</summary>
    public required double SendLagP99Micros { get; init; }

    /// <summary>Body chunk answers timed in the window.</summary>
    public required long ClientSamples { get; init; }

    /// <summary>Server CPU seconds (user + system) in the window.</summary>
    public required double CpuSeconds { get; init; }

    /// <summary>Server CPU milliseconds per 1,000 messages.</summary>
    public double CpuMillisPer1000 => ServerMessages > 0 ? CpuSeconds * 1000 * 1000 / ServerMessages : double.NaN;

    /// <summary>The server's background CPU with no stream open (CPU seconds per second), measured before the levels.</summary>
    public double IdleCpuRate { get; init; }

    /// <summary>Server CPU milliseconds per 1,000 messages after subtracting the background CPU of the window.</summary>
    public double NetCpuMillisPer1000 =>
        ServerMessages > 0 ? Math.Max(0, CpuSeconds - (IdleCpuRate * WindowSeconds)) * 1000 * 1000 / ServerMessages : double.NaN;

    /// <summary>CPU seconds the load generator (this process) used in the window, for context: it shares the cores.</summary>
    public required double ClientCpuSeconds { get; init; }

    /// <summary>Server garbage collections in the window (gen 0 count, which includes gen 1 and 2).</summary>
    public required double ServerCollections { get; init; }

    /// <summary>Server gen-2 collections in the window.</summary>
    public required double ServerGen2Collections { get; init; }

    /// <summary>Server GC pause time in the window (ms).</summary>
    public required double ServerGcPauseMillis { get; init; }

    /// <summary>Load generator GC pause time in the window (ms).</summary>
    public required double ClientGcPauseMillis { get; init; }

    /// <summary>Bytes the load generator allocated in the window.</summary>
    public required long ClientAllocatedBytes { get; init; }

    /// <summary>Load generator garbage collections in the window (gen 0, gen 1, gen 2).</summary>
    public required string ClientCollections { get; init; }

    /// <summary>Body chunks sent over the whole level (ramp, window and drain).</summary>
    public required long ChunksSent { get; init; }

    /// <summary>Body chunks answered over the whole level.</summary>
    public required long ChunksAnswered { get; init; }

    /// <summary>Stream lives started.</summary>
    public required long StreamsStarted { get; init; }

    /// <summary>Stream lives completed (every message answered).</summary>
    public required long StreamsCompleted { get; init; }

    /// <summary>Stream lives that failed.</summary>
    public required long StreamErrors { get; init; }

    /// <summary>Fake secrets sent complete over the whole level.</summary>
    public required long Planted { get; init; }

    /// <summary>Of those, split across two chunks.</summary>
    public required long Split { get; init; }

    /// <summary>Masks the server counted over the whole level.</summary>
    public required double Masked { get; init; }

    /// <summary>Planted secrets found in released output (masking only; must be 0).</summary>
    public required long Leaks { get; init; }

    /// <summary>Pass-through answers that were not plain CONTINUE (must be 0).</summary>
    public required long PassThroughViolations { get; init; }

    /// <summary>Answers of the wrong type (must be 0).</summary>
    public required long ProtocolViolations { get; init; }

    /// <summary>Errors the server counted over the whole level.</summary>
    public required double ServerErrors { get; init; }
}
