using BenchmarkDotNet.Attributes;
using Hush.Benchmarks.Infrastructure;
using Hush.Benchmarks.Rules;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Benchmarks.Benchmarks;

/// <summary>The Hush side of the throughput comparison: whole buffer and streaming in 4 KiB and 64 KiB chunks.</summary>
public partial class ThroughputBenchmarks
{
    private PolicyMatcher? _matcher;
    private byte[] _corpus = [];
    private readonly CountingBufferWriter _output = new();

    /// <summary>Compiles the rule set and builds the response-direction matcher.</summary>
    [GlobalSetup(Targets = [nameof(HushWholeBuffer), nameof(HushStream4K), nameof(HushStream64K), nameof(HushStream4KSlice)])]
    public void SetupHush()
    {
        _corpus = BenchData.Corpus;
        var set = PolicySet.Get(Policy);
        _matcher = new PolicyMatcher(set.Policy, RuleDirection.Response);
        Console.WriteLine($"// hush ({Policy}): {set.Policy.Rules.Count} rules from {set.Source}, {set.Dropped.Count} dropped");
    }

    /// <summary>Masks the whole corpus in one call.</summary>
    [Benchmark(Description = "Hush whole buffer (MaskAll)")]
    [Throughput(ScanInput.Corpus)]
    public int HushWholeBuffer() => _matcher!.MaskAll(_corpus).Length;

    /// <summary>Streams the corpus in 4 KiB writes.</summary>
    [Benchmark(Description = "Hush streaming 4 KiB")]
    [Throughput(ScanInput.Corpus)]
    public long HushStream4K() => Stream(_corpus.Length, 4096);

    /// <summary>Streams the corpus in 64 KiB writes.</summary>
    [Benchmark(Description = "Hush streaming 64 KiB")]
    [Throughput(ScanInput.Corpus)]
    public long HushStream64K() => Stream(_corpus.Length, 65536);

    /// <summary>Streams exactly the slice the .NET baselines scan, in 4 KiB writes (same input, same bytes).</summary>
    [Benchmark(Description = "Hush streaming 4 KiB (slice)")]
    [Throughput(ScanInput.RegexSlice)]
    public long HushStream4KSlice() => Stream(BenchSettings.RegexSliceBytes, 4096);

    private long Stream(int length, int chunk)
    {
        _output.Reset();
        var stream = _matcher!.CreateStream();
        var data = _corpus.AsSpan(0, length);
        for (var offset = 0; offset < data.Length; offset += chunk)
        {
            stream.Write(data.Slice(offset, Math.Min(chunk, data.Length - offset)), _output);
        }

        stream.Complete(_output);
        return _output.Written;
    }
}
