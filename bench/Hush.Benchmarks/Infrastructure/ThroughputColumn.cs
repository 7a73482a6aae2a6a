using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Hush.Benchmarks.Infrastructure;

/// <summary>
/// Throughput columns: <c>MB/s</c> (bytes scanned per operation / mean time, 10^6 bytes per MB) and
/// <c>xBestRegex</c>, the ratio of that throughput to the best .NET Regex configuration with the same parameters in
/// the same run. Ratios are taken on throughput, not time, because the Regex baselines scan a shorter slice.
/// </summary>
internal sealed class ThroughputColumn : IColumn
{
    private readonly bool _ratio;

    private ThroughputColumn(bool ratio) => _ratio = ratio;

    /// <summary>The MB/s column.</summary>
    public static IColumn MegabytesPerSecond { get; } = new ThroughputColumn(false);

    /// <summary>The ratio-to-best-Regex column.</summary>
    public static IColumn RatioToBestRegex { get; } = new ThroughputColumn(true);

    /// <inheritdoc />
    public string Id => _ratio ? "Hush.xBestRegex" : "Hush.MBps";

    /// <inheritdoc />
    public string ColumnName => _ratio ? "xBestRegex" : "MB/s";

    /// <inheritdoc />
    public bool AlwaysShow => false;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => _ratio ? 1 : 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => _ratio
        ? "Throughput divided by the best .NET Regex configuration's throughput on the same policy (baseline = 1.00)"
        : "Bytes scanned per operation / mean time, in 10^6 bytes per second";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mbps = Throughput(summary, benchmarkCase);
        if (mbps is null)
        {
            return "-";
        }

        if (!_ratio)
        {
            return mbps.Value.ToString(mbps.Value >= 10 ? "F1" : "F3", CultureInfo.InvariantCulture);
        }

        double best = 0;
        foreach (var other in summary.BenchmarksCases)
        {
            if (Attribute(other) is { RegexBaseline: true } &&
                other.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo &&
                other.Job.DisplayInfo == benchmarkCase.Job.DisplayInfo &&
                Throughput(summary, other) is { } t)
            {
                best = Math.Max(best, t);
            }
        }

        return best > 0 ? (mbps.Value / best).ToString("F2", CultureInfo.InvariantCulture) + "x" : "?";
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => Attribute(c) is not null);

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public override string ToString() => ColumnName;

    /// <summary>Throughput in MB/s of a finished benchmark with a <see cref="ThroughputAttribute"/>.</summary>
    public static double? Throughput(Summary summary, BenchmarkCase benchmarkCase)
    {
        var attribute = Attribute(benchmarkCase);
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (attribute is null || mean is null or <= 0)
        {
            return null;
        }

        return attribute.Bytes / (mean.Value / 1e9) / 1e6;
    }

    private static ThroughputAttribute? Attribute(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<ThroughputAttribute>();
}
