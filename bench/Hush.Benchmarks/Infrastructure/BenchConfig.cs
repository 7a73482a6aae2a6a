using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;

namespace Hush.Benchmarks.Infrastructure;

/// <summary>The configuration every benchmark class shares: memory diagnoser, throughput and ratio columns.</summary>
internal static class BenchConfig
{
    /// <summary>Creates the shared configuration.</summary>
    public static IConfig Create() =>
        ManualConfig.Create(DefaultConfig.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(ThroughputColumn.MegabytesPerSecond, ThroughputColumn.RatioToBestRegex)
            .AddExporter(MarkdownExporter.GitHub)
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40))
            .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared))
            .HideColumns(Column.Error, Column.StdDev);
}
