namespace Hush.Benchmarks.Sse;

/// <summary>
/// Per-event timings of one mode (microseconds, sorted): the <c>Process</c> call that released each event when
/// fed one event per call; codec creation plus the first call of each body; the 4 KiB calls.
/// </summary>
internal sealed record SseLatency(List<double> PerEvent, List<double> FirstEvent, double ReleasedOnArrival, List<double> Chunk4K, double AmortizedPerEvent);
