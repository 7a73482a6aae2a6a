namespace Hush.Benchmarks.Sse;

/// <summary>Held-back bytes and complete-but-unreleased events after each 4 KiB chunk (sorted).</summary>
internal sealed record SseHoldBack(List<double> Bytes, List<double> Events);
