using System.Buffers;
using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Hush.Policy.Tests.Matching;

namespace Hush.Policy.Tests.Corpus;

/// <summary>Runs every corpus case through the matcher whole, at every chunking, and against the .NET oracle.</summary>
public sealed class CorpusTests
{
    private static readonly Dictionary<string, PolicyMatcher> s_matchers = [];

    public static TheoryData<string> Cases => CorpusFile.Names();

    [Fact]
    public void Corpus_HasAtLeastFortyCases() => Assert.True(CorpusFile.Cases.Count >= 40, $"{CorpusFile.Cases.Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MaskAll_MatchesExpectedOutputAndSpans(string name)
    {
        var c = CorpusFile.Get(name);
        var matcher = MatcherFor(c);
        var (output, spans) = Run(matcher, c.InputBytes, [c.InputBytes.Length]);
        Assert.Equal(c.ExpectedOutput, System.Text.Encoding.UTF8.GetString(output));
        Assert.Equal(c.Spans(), spans);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Chunked_OutputIndependentOfChunking(string name)
    {
        var c = CorpusFile.Get(name);
        var matcher = MatcherFor(c);
        var input = c.InputBytes;
        var expectedSpans = c.Spans();
        var expected = c.ExpectedOutputBytes;
        foreach (var chunking in Chunkings(input.Length))
        {
            var (output, spans) = Run(matcher, input, chunking);
            Assert.True(expected.AsSpan().SequenceEqual(output), $"output differs for chunks [{string.Join(",", chunking)}]");
            Assert.Equal(expectedSpans, spans);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DotNetOracle_AgreesWithExpected(string name)
    {
        var c = CorpusFile.Get(name);
        var (spans, output) = DotNetOracle.Run(c, MatcherFor(c).Policy, RuleDirection.Response);
        Assert.Equal(c.Spans(), spans);
        Assert.Equal(c.ExpectedOutput, System.Text.Encoding.UTF8.GetString(output));
    }

    internal static PolicyMatcher MatcherFor(CorpusCase c)
    {
        lock (s_matchers)
        {
            if (!s_matchers.TryGetValue(c.Name, out var matcher))
            {
                matcher = new PolicyMatcher(TestPolicies.Compile(c.ToTestRules()), RuleDirection.Response);
                s_matchers[c.Name] = matcher;
            }

            return matcher;
        }
    }

    /// <summary>Streams <paramref name="input"/> in chunks of the given sizes (the last repeats), checking hold-back.</summary>
    internal static (byte[] Output, List<(long, long, string)> Spans) Run(PolicyMatcher matcher, byte[] input, int[] chunks)
    {
        var stream = matcher.CreateStream();
        var output = new ArrayBufferWriter<byte>();
        var spans = new List<(long, long, string)>();
        var offset = 0;
        var k = 0;
        while (offset < input.Length)
        {
            var size = Math.Min(Math.Max(1, chunks[Math.Min(k++, chunks.Length - 1)]), input.Length - offset);
            stream.Write(input.AsSpan(offset, size), output);
            offset += size;
            Assert.True(stream.HeldBytes <= matcher.HoldBackBound, $"held {stream.HeldBytes} > bound {matcher.HoldBackBound}");
            Collect(stream, matcher, spans);
        }

        stream.Complete(output);
        Collect(stream, matcher, spans);
        Assert.Equal(0, stream.HeldBytes);
        spans.Sort();
        return (output.WrittenSpan.ToArray(), spans);
    }

    private static void Collect(StreamingMatcher stream, PolicyMatcher matcher, List<(long, long, string)> spans)
    {
        foreach (var e in stream.Events)
        {
            spans.Add((e.Start, e.End, matcher.Policy.Rules[e.RuleIndex].Id));
        }

        stream.ClearEvents();
    }

    internal static IEnumerable<int[]> Chunkings(int length)
    {
        yield return [1];
        if (length <= 400)
        {
            for (var split = 1; split < length; split++)
            {
                yield return [split, length];
            }

            yield return [2];
            yield return [3];
        }
        else
        {
            foreach (var size in new[] { 2, 7, 64, 1000, 4096 })
            {
                yield return [size];
            }
        }

        var random = new Random(length);
        for (var i = 0; i < 5; i++)
        {
            var sizes = new int[16];
            for (var j = 0; j < sizes.Length; j++)
            {
                sizes[j] = random.Next(1, Math.Max(2, length / 4));
            }

            yield return sizes;
        }
    }
}
