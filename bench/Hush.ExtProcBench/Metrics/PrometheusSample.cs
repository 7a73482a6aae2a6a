namespace Hush.ExtProcBench.Metrics;

/// <summary>One sample line of the Prometheus text format.</summary>
/// <param name="Name">Metric name (with the _bucket/_sum/_count suffix of histograms).</param>
/// <param name="Labels">Label pairs of the sample.</param>
/// <param name="Value">The sample value.</param>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
