using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Hush.Benchmarks.Sse;

/// <summary>SSE corpus bytes or events per second of a <see cref="SseBenchmarks"/> case (corpus / mean time).</summary>
internal sealed class SseThroughputColumn : IColumn
{
    private readonly bool _events;

    private SseThroughputColumn(bool events) => _events = events;

    /// <summary>Corpus megabytes (10^6) per second.</summary>
    public static IColumn MegabytesPerSecond { get; } = new SseThroughputColumn(false);

    /// <summary>Corpus events per second.</summary>
    public static IColumn EventsPerSecond { get; } = new SseThroughputColumn(true);

    /// <inheritdoc />
    public string Id => _events ? "Hush.Sse.EventsPerSec" : "Hush.Sse.MBps";

    /// <inheritdoc />
    public string ColumnName => _events ? "events/s" : "SSE MB/s";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => _events ? 3 : 2;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => _events ? "SSE corpus events per second" : "SSE corpus megabytes (10^6) per second";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is not > 0 || benchmarkCase.Descriptor.Type != typeof(SseBenchmarks))
        {
            return "-";
        }

        var corpus = SseBenchData.Corpus;
        var perSecond = 1e9 / mean.Value;
        return _events
            ? (corpus.Events * perSecond).ToString("N0", CultureInfo.InvariantCulture)
            : (corpus.TotalBytes * perSecond / 1e6).ToString("0.0", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}
