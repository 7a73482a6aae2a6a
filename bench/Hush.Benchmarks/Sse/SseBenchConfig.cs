using BenchmarkDotNet.Configs;

namespace Hush.Benchmarks.Sse;

/// <summary>Adds the SSE MB/s and events/s columns to the shared configuration the switcher passes in.</summary>
internal sealed class SseBenchConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public SseBenchConfig() => AddColumn(SseThroughputColumn.MegabytesPerSecond, SseThroughputColumn.EventsPerSecond);
}
