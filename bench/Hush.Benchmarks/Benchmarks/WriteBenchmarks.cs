using BenchmarkDotNet.Attributes;
using Hush.Benchmarks.Corpus;
using Hush.Benchmarks.Infrastructure;
using Hush.Benchmarks.Rules;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Benchmarks.Benchmarks;

/// <summary>
/// Steady-state cost of one <see cref="StreamingMatcher.Write"/>: a long-lived stream keeps receiving chunks of
/// text with no secrets; the Allocated column (per Write, thanks to OperationsPerInvoke) must be 0 B.
/// </summary>
public class WriteBenchmarks
{
    /// <summary>Writes per benchmark operation.</summary>
    public const int WritesPerOp = 64;

    private readonly CountingBufferWriter _output = new();
    private StreamingMatcher? _stream;
    private byte[] _text = [];
    private int _offset;

    /// <summary>Rule set: <c>default</c> or <c>gitleaks</c>.</summary>
    [ParamsSource(nameof(PolicyNames))]
    public string Policy { get; set; } = "default";

    /// <summary>Bytes per Write.</summary>
    [Params(4096, 65536)]
    public int Chunk { get; set; }

    /// <summary>The rule sets benchmarked.</summary>
    public static IEnumerable<string> PolicyNames => PolicySet.Names;

    /// <summary>Builds the stream and warms it up over the whole text three times.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var matcher = new PolicyMatcher(PolicySet.Get(Policy).Policy, RuleDirection.Response);
        _text = MatchFreeText.Build(matcher, out var removed);
        Console.WriteLine($"// match-free text for {Policy}: {_text.Length} bytes ({removed} lines with matches removed)");
        _stream = matcher.CreateStream();
        _offset = 0;

        // Three passes: confirm regexes are recompiled (off-thread) after 64 uses, and rules with a few candidates
        // per pass reach that only after several passes; the measurement should see the steady state.
        for (var i = 0; i < 3 * (_text.Length / Chunk); i++)
        {
            WriteOne();
        }

        Thread.Sleep(500);
    }

    /// <summary>Writes <see cref="WritesPerOp"/> chunks into the long-lived stream.</summary>
    [Benchmark(OperationsPerInvoke = WritesPerOp, Description = "StreamingMatcher.Write (steady state, per Write)")]
    public void Write()
    {
        for (var i = 0; i < WritesPerOp; i++)
        {
            WriteOne();
        }
    }

    private void WriteOne()
    {
        if (_offset + Chunk > _text.Length)
        {
            _offset = 0;
        }

        _stream!.Write(_text.AsSpan(_offset, Chunk), _output);
        _stream.ClearEvents();
        _offset += Chunk;
    }
}
