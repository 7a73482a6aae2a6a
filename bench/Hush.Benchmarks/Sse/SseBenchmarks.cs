using BenchmarkDotNet.Attributes;
using Hush.Benchmarks.Infrastructure;

namespace Hush.Benchmarks.Sse;

/// <summary>
/// SSE masking throughput on the SSE corpus (<see cref="SseCorpus"/>) fed in 4 KiB chunks, in one run: the
/// event-aware <c>SseBodyCodec</c>, raw-byte masking (<c>RawBodyCodec</c>, the baseline: Ratio = its time / SSE's
/// time inverted, so SSE/raw throughput is 1 / Ratio) and a pass-through copy. One operation is the whole corpus;
/// the MB/s and events/s columns divide the corpus by the mean.
/// </summary>
[Config(typeof(SseBenchConfig))]
public class SseBenchmarks
{
    private readonly CountingBufferWriter _output = new();
    private readonly CountingMatchSink _sink = new();
    private SseCorpus? _corpus;

    /// <summary>Builds the corpus and the matcher and warms every mode up.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _corpus = SseBenchData.Corpus;
        Console.WriteLine($"// SSE corpus: {_corpus.Bodies.Count} bodies, {_corpus.Events} events, {_corpus.TotalBytes} bytes, {_corpus.Planted} planted");
        for (var i = 0; i < 3; i++)
        {
            Run(SseMode.Sse);
            Run(SseMode.Raw);
        }
    }

    /// <summary>Raw-byte masking of the same bytes (the baseline).</summary>
    [Benchmark(Baseline = true, Description = "RawBodyCodec")]
    public long Raw() => Run(SseMode.Raw);

    /// <summary>Event-aware SSE masking.</summary>
    [Benchmark(Description = "SseBodyCodec")]
    public long Sse() => Run(SseMode.Sse);

    /// <summary>Copying the chunks unchanged.</summary>
    [Benchmark(Description = "PassThroughCopy")]
    public long PassThrough() => Run(SseMode.PassThrough);

    private long Run(SseMode mode) =>
        SseRunner.RunAll(_corpus!.Bodies, mode, SseBenchData.Matcher, _sink, SseBenchData.ChunkBytes, _output);
}
