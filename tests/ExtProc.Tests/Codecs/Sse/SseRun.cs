using System.Buffers;
using System.Text;
using Hush.ExtProc.Codecs.Sse;
using Hush.ExtProc.Tests.Support;
using Hush.Policy.Matching;
using Xunit;

namespace Hush.ExtProc.Tests.Codecs.Sse;

/// <summary>Runs the SSE codec over a body in given chunks and checks the codec's bookkeeping on the way.</summary>
internal static class SseRun
{
    private static readonly Lazy<PolicyMatcher> s_policy = new(() => TestPolicies.Golden().Response);

    /// <summary>The golden policy's response matcher.</summary>
    public static PolicyMatcher Policy => s_policy.Value;

    /// <summary>What masking <paramref name="text"/> at once gives.</summary>
    public static string MaskAll(string text) => Encoding.UTF8.GetString(Policy.MaskAll(Encoding.UTF8.GetBytes(text)));

    /// <summary>Masks <paramref name="body"/> fed in one chunk.</summary>
    public static byte[] Mask(string body, SseCodecOptions? options = null) => Mask(Encoding.UTF8.GetBytes(body), [], options).Output;

    /// <summary>Masks <paramref name="body"/> cut at <paramref name="cuts"/> (ascending offsets).</summary>
    public static (byte[] Output, SseRecordingSink Sink, bool RawFallback) Mask(byte[] body, IReadOnlyList<int> cuts, SseCodecOptions? options = null) =>
        Mask(Policy, body, cuts, options);

    /// <summary>Masks <paramref name="body"/> with <paramref name="policy"/>, cut at <paramref name="cuts"/> (ascending offsets).</summary>
    public static (byte[] Output, SseRecordingSink Sink, bool RawFallback) Mask(
        PolicyMatcher policy, byte[] body, IReadOnlyList<int> cuts, SseCodecOptions? options = null)
    {
        var sink = new SseRecordingSink();
        using var codec = new SseBodyCodec(policy, sink, options);
        var output = new ArrayBufferWriter<byte>();
        var from = 0;
        foreach (var cut in cuts)
        {
            if (cut <= from || cut >= body.Length)
            {
                continue;
            }

            codec.Process(body.AsSpan(from, cut - from), final: false, output);
            from = cut;
            Assert.Equal(from, codec.Position);
            Assert.InRange(codec.HeldBytes, 0, from);
        }

        codec.Process(body.AsSpan(from), final: true, output);
        Assert.Equal(body.Length, codec.Position);
        Assert.Equal(0, codec.HeldBytes);
        return (output.WrittenSpan.ToArray(), sink, codec.RawFallback);
    }

    /// <summary>Random ascending cut offsets for a body of <paramref name="length"/> bytes.</summary>
    public static List<int> RandomCuts(Random rng, int length)
    {
        var cuts = new List<int>();
        var pos = 0;
        while (true)
        {
            pos += rng.Next(4) == 0 ? rng.Next(1, 4) : rng.Next(1, 90);
            if (pos >= length)
            {
                return cuts;
            }

            cuts.Add(pos);
        }
    }

    /// <summary>Every offset: one byte per chunk.</summary>
    public static List<int> EveryByte(int length) => Enumerable.Range(1, Math.Max(0, length - 1)).ToList();
}
