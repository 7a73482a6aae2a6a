using System.Buffers;
using System.Text;
using CsCheck;
using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Hush.Policy.Tests.Corpus;

namespace Hush.Policy.Tests.Matching;

/// <summary>
/// Rules without literals woken by runs of bytes (<see cref="RunRequirement"/>): same output as the .NET oracle and
/// as masking the whole input, at every chunking, with a run's head held while later input may complete it.
/// </summary>
public sealed class RunWakeTests
{
    private static readonly CorpusRule[] s_rules =
    [
        new() { Id = "hex40", Pattern = @"\b[0-9a-f]{40}\b" },
        new() { Id = "sourcegraph", Pattern = RunRequirementTests.Sourcegraph, Secret = 1 },
        new() { Id = "digits", Pattern = @"\b([0-9]{20,24})\b", Secret = 1 },
        new() { Id = "aws", Pattern = @"\b((?:AKIA|ASIA)[0-9A-Z]{16})\b", Secret = 1 },
    ];

    private static readonly Lazy<CompiledPolicy> s_policy = new(() =>
    {
        var rules = new TestRule[s_rules.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = new TestRule(s_rules[i].Id, s_rules[i].Pattern, s_rules[i].Secret);
        }

        return TestPolicies.Compile(rules);
    });

    private static readonly Gen<string> s_hex = Gen.Char["0123456789abcdef"].Array[1, 48].Select(a => new string(a));

    private static readonly Gen<string> s_part = Gen.OneOf(
        Gen.String[Gen.Char["0123456789abcdefxyz_ ;'\n"], 0, 30],
        s_hex,
        Gen.Char["0123456789abcdefABCDEF"].Array[38, 42].Select(a => new string(a)),
        Gen.Select(s_hex, s_hex).Select((a, b) => "sgp_" + (a + new string('0', 16))[..16] + "_" + (b + new string('e', 40))[..40]),
        s_hex.Select(a => "sgp_local_" + (a + new string('f', 40))[..40]),
        s_hex.Select(a => "sgp_" + a),
        Gen.Int[18, 26].Select(n => "id=" + new string('7', n)),
        Gen.Const("AKIAABCDEFGHIJKLMNOP"));

    private static readonly Gen<string> s_input = s_part.Array[0, 10].Select(string.Concat);

    private static readonly Gen<int[]> s_chunks = Gen.Int[1, 64].Array[1, 6];

    private static PolicyMatcher Matcher() => new(s_policy.Value, RuleDirection.Response);

    private static byte[] Stream(PolicyMatcher matcher, byte[] input, int[] chunks, out int maxHeld)
    {
        var stream = matcher.CreateStream();
        var output = new ArrayBufferWriter<byte>();
        maxHeld = 0;
        for (int offset = 0, k = 0; offset < input.Length; k++)
        {
            var size = Math.Min(chunks[k % chunks.Length], input.Length - offset);
            stream.Write(input.AsSpan(offset, size), output);
            offset += size;
            maxHeld = Math.Max(maxHeld, stream.HeldBytes);
        }

        stream.Complete(output);
        return output.WrittenSpan.ToArray();
    }

    [Fact]
    public void Policy_RunRulesAreWokenByRuns()
    {
        var matcher = Matcher();
        Assert.Equal(new[] { 0, 1, 2 }, matcher.RunRules);
        Assert.Empty(matcher.AlwaysOnRules);
    }

    [Fact]
    public void MaskAll_EqualsDotNetOracle()
    {
        var matcher = Matcher();
        s_input.Sample(input =>
        {
            var corpusCase = new CorpusCase { Name = "run", Rules = [.. s_rules], Input = input };
            var (_, expected) = DotNetOracle.Run(corpusCase, s_policy.Value, RuleDirection.Response);
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(matcher.MaskAll(corpusCase.InputBytes)));
        }, iter: 300);
    }

    [Fact]
    public void Chunked_OutputEqualsMaskAll_HoldWithinBound()
    {
        var matcher = Matcher();
        Gen.Select(s_input, s_chunks).Sample((input, chunks) =>
        {
            var bytes = Encoding.UTF8.GetBytes(input);
            Assert.Equal(matcher.MaskAll(bytes), Stream(matcher, bytes, chunks, out var maxHeld));
            Assert.InRange(maxHeld, 0, matcher.HoldBackBound);
        }, iter: 400);
    }

    [Fact]
    public void OneByteChunks_OutputEqualsMaskAll()
    {
        var matcher = Matcher();
        s_input.Sample(input =>
        {
            var bytes = Encoding.UTF8.GetBytes(input);
            Assert.Equal(matcher.MaskAll(bytes), Stream(matcher, bytes, [1], out _));
        }, iter: 150);
    }

    [Fact]
    public void RunSplitAcrossWrites_HeadIsHeldUntilComplete()
    {
        var matcher = Matcher();
        var token = "sgp_local_" + new string('a', 20) + new string('b', 20);
        var stream = matcher.CreateStream();
        var output = new ArrayBufferWriter<byte>();
        stream.Write(Encoding.UTF8.GetBytes("key " + token[..25]), output);
        Assert.Equal("key ", Encoding.UTF8.GetString(output.WrittenSpan));
        stream.Write(Encoding.UTF8.GetBytes(token[25..] + " done"), output);
        stream.Complete(output);
        Assert.Equal("key [MASKED:sourcegraph] done", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void TextWithoutRunBytes_HoldsNothing()
    {
        var matcher = Matcher();
        var text = Gen.String[Gen.Char["ghijklmnopqrtuvwxyz .,\n"], 1, 200].Select(Encoding.UTF8.GetBytes);
        Gen.Select(text, s_chunks).Sample((input, chunks) =>
        {
            var stream = matcher.CreateStream();
            var output = new ArrayBufferWriter<byte>();
            for (int offset = 0, k = 0; offset < input.Length; k++)
            {
                var size = Math.Min(chunks[k % chunks.Length], input.Length - offset);
                stream.Write(input.AsSpan(offset, size), output);
                offset += size;
                Assert.Equal(0, stream.HeldBytes);
            }

            stream.Complete(output);
            Assert.Equal(input, output.WrittenSpan.ToArray());
        }, iter: 200);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(1024)]
    public void RunAfterItsPrefix_PrefixHeldUntilTheRunCompletes(int chunk)
    {
        // Every match holds 16 bytes of [^\n] (the rule's run), but the whole match is the secret and its zeros come
        // before the run can be seen whole: the rule must scan the run's head as it arrives and hold it.
        var matcher = TestPolicies.Matcher(new TestRule("z", "(?i)0*0000000000.00000") { MaxLength = 200 });
        Assert.NotNull(matcher.Rules[0].Run);
        var input = Encoding.ASCII.GetBytes("(?i)0*0000000000.00000 the end");
        var stream = matcher.CreateStream();
        var output = new ArrayBufferWriter<byte>();
        for (var offset = 0; offset < input.Length; offset += chunk)
        {
            stream.Write(input.AsSpan(offset, Math.Min(chunk, input.Length - offset)), output);
        }

        stream.Complete(output);
        Assert.Equal("(?i)0*[MASKED:z] the end", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
