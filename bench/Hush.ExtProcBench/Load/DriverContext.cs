namespace Hush.ExtProcBench.Load;

/// <summary>What every stream of one level run shares.</summary>
/// <param name="Options">The benchmark settings (pacing, chunk counts, window).</param>
/// <param name="Scripts">Pre-generated bodies streams pick from.</param>
/// <param name="Kind">The processor under test (decides how answers are verified).</param>
/// <param name="Counters">Where streams tally what they saw.</param>
/// <param name="Time">Clock for pacing and latency.</param>
internal sealed record DriverContext(
    BenchOptions Options, SseScript[] Scripts, ProcessorKind Kind, LevelCounters Counters, TimeProvider Time);
