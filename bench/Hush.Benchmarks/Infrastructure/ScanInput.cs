namespace Hush.Benchmarks.Infrastructure;

/// <summary>Which input a throughput benchmark scans per operation, so MB/s can be computed from its mean time.</summary>
internal enum ScanInput
{
    /// <summary>The whole corpus (<see cref="BenchSettings.CorpusBytes"/>).</summary>
    Corpus,

    /// <summary>The corpus prefix the slow .NET Regex baselines scan (<see cref="BenchSettings.RegexSliceBytes"/>).</summary>
    RegexSlice,
}
