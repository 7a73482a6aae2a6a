using System.Buffers;
using System.Text;
using Hush.ExtProc.Codecs.Sse;
using Hush.ExtProc.Tests.Support;
using Xunit;
using static Hush.ExtProc.Tests.Codecs.Sse.SseFixtures;

namespace Hush.ExtProc.Tests.Codecs.Sse;

/// <summary>
/// Many bodies on one thread share its scratch buffers (<see cref="SseScratch"/>) and may be prefetched or not
/// (<see cref="CacheWarm"/>): chunks of different bodies interleaved must give each body what it gives alone.
/// </summary>
public sealed class SseBodyCodecInterleavingTests
{
    [Fact]
    public void InterleavedBodies_EachEqualsItsOwnRun()
    {
        var bodies = new[]
        {
            Chat(0, "key " + TestPolicies.AwsKey[..9]) + Chat(0, TestPolicies.AwsKey[9..] + " end") + "data: [DONE]\n\n",
            ": note " + TestPolicies.AwsKey + "\n" + Anthropic(0, "text", "a " + TestPolicies.AwsKey + " b"),
            "data: plain AKIAQYLP\n\ndata: MN5HFIQR7XYA text\n\n",
            ResponsesDelta("msg_1", "Use " + TestPolicies.AwsKey) + ResponsesTextDone("msg_1", "Use " + TestPolicies.AwsKey),
        };
        var rng = new Random(11);
        for (var round = 0; round < 40; round++)
        {
            // Up to 40 bodies open at once, so some are prefetched (many others ran since their last chunk) and some not.
            var open = Enumerable.Range(0, rng.Next(1, 40)).Select(i => bodies[rng.Next(bodies.Length)]).ToArray();
            var cuts = open.Select(b => SseRun.RandomCuts(rng, Encoding.UTF8.GetByteCount(b))).ToArray();
            var expected = open.Select((b, i) => SseRun.Mask(Encoding.UTF8.GetBytes(b), cuts[i]).Output).ToArray();

            var codecs = open.Select(_ => new SseBodyCodec(SseRun.Policy, new SseRecordingSink())).ToArray();
            var outputs = open.Select(_ => new ArrayBufferWriter<byte>()).ToArray();
            var from = new int[open.Length];
            var next = new int[open.Length];
            var done = 0;
            while (done < open.Length)
            {
                var i = rng.Next(open.Length);
                if (codecs[i] is not { } codec)
                {
                    continue;
                }

                var bytes = Encoding.UTF8.GetBytes(open[i]);
                var to = next[i] < cuts[i].Count ? cuts[i][next[i]] : bytes.Length;
                var final = to == bytes.Length;
                codec.Process(bytes.AsSpan(from[i], to - from[i]), final, outputs[i]);
                from[i] = to;
                next[i]++;
                if (final)
                {
                    codec.Dispose();
                    codecs[i] = null!;
                    done++;
                }
            }

            for (var i = 0; i < open.Length; i++)
            {
                Assert.Equal(Encoding.UTF8.GetString(expected[i]), Encoding.UTF8.GetString(outputs[i].WrittenSpan));
                Assert.DoesNotContain(TestPolicies.AwsKey, Encoding.UTF8.GetString(outputs[i].WrittenSpan), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void DisposedTwice_ListsGoBackOnce_NextBodiesDoNotShareThem()
    {
        var first = new SseBodyCodec(SseRun.Policy, new SseRecordingSink());
        first.Process(Encoding.UTF8.GetBytes(Chat(0, "a")), final: true, new ArrayBufferWriter<byte>());
        first.Dispose();
        first.Dispose();
        Assert.Equal(0, first.HeldBytes);

        // Two bodies that each keep an event withheld across chunks: shared lists would mix their events.
        var bodies = new[] { Chat(0, "key AKIAQYLP") + Chat(0, "MN5HFIQR7XYA end"), Chat(1, "AKIAQYLPMN5H") + Chat(1, "FIQR7XYA tail") };
        var codecs = bodies.Select(_ => new SseBodyCodec(SseRun.Policy, new SseRecordingSink())).ToArray();
        var outputs = bodies.Select(_ => new ArrayBufferWriter<byte>()).ToArray();
        var halves = bodies.Select(b => Encoding.UTF8.GetBytes(b)).ToArray();
        for (var part = 0; part < 2; part++)
        {
            for (var i = 0; i < bodies.Length; i++)
            {
                var half = halves[i].Length / 2;
                var chunk = part == 0 ? halves[i].AsSpan(0, half) : halves[i].AsSpan(half);
                codecs[i].Process(chunk, final: part == 1, outputs[i]);
            }
        }

        for (var i = 0; i < bodies.Length; i++)
        {
            codecs[i].Dispose();
            Assert.Equal(Encoding.UTF8.GetString(SseRun.Mask(bodies[i])), Encoding.UTF8.GetString(outputs[i].WrittenSpan));
        }
    }

    [Fact]
    public void IsCold_FalseWhileFewOtherCallsRan_TrueAfterMany()
    {
        var mine = long.MinValue;
        var other = long.MinValue;
        Assert.True(CacheWarm.IsCold(ref mine));
        Assert.False(CacheWarm.IsCold(ref mine));
        for (var i = 0; i < 3; i++)
        {
            CacheWarm.IsCold(ref other);
        }

        Assert.False(CacheWarm.IsCold(ref mine));
        for (var i = 0; i < 40; i++)
        {
            CacheWarm.IsCold(ref other);
        }

        Assert.True(CacheWarm.IsCold(ref mine));
    }
}
