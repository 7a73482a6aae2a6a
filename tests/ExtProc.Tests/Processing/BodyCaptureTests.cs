using CsCheck;
using Hush.ExtProc.Processing;

namespace Hush.ExtProc.Tests.Processing;

/// <summary>The pooled capture of released bytes: keeps exactly the first Cap bytes and counts the rest.</summary>
public sealed class BodyCaptureTests
{
    [Fact]
    public void Append_RandomChunks_KeepsPrefixUpToCap()
    {
        Gen.Select(Gen.Int[0, 70_000], Gen.Int[1, 9_000].Array[0, 40]).Sample((cap, sizes) =>
        {
            using var capture = new BodyCapture(cap);
            var all = AppendNumbered(capture, sizes);

            Assert.Equal(all.Count, capture.Length);
            var kept = all.Take(cap).ToArray();
            Assert.Equal(kept, capture.ToArray());
            Assert.Equal(kept.Length, capture.Count);
            Assert.Equal(all.Count > cap, capture.Truncated);
        }, iter: 200);
    }

    [Fact]
    public void CopyTo_AnyStartAndLength_CopiesThoseKeptBytes()
    {
        Gen.Select(Gen.Int[0, 60_000], Gen.Int[1, 20_000].Array[1, 12], Gen.Double[0, 1], Gen.Double[0, 1]).Sample((cap, sizes, from, part) =>
        {
            using var capture = new BodyCapture(cap);
            var all = AppendNumbered(capture, sizes);

            var kept = all.Take(cap).ToArray();
            var start = (int)(from * kept.Length);
            var length = (int)(part * (kept.Length - start));
            var copy = new byte[length];
            capture.CopyTo(copy, start);
            Assert.Equal(kept.AsSpan(start, length).ToArray(), copy);
            Assert.Equal(kept.AsSpan(start).ToArray(), capture.ToArray(start));
            Assert.Throws<ArgumentOutOfRangeException>(() => capture.CopyTo(new byte[kept.Length - start + 1], start));
        }, iter: 200);
    }

    [Fact]
    public void Segments_ReusedAfterDispose_HoldOnlyTheNewBytes()
    {
        var first = new BodyCapture(100_000);
        first.Append(Enumerable.Repeat((byte)0xEE, 90_000).ToArray());
        first.Dispose();

        using var second = new BodyCapture(100_000);
        var bytes = Enumerable.Range(0, 40_000).Select(i => (byte)(i % 251)).ToArray();
        second.Append(bytes.AsSpan(0, 1));
        second.Append(bytes.AsSpan(1, BodyCapture.FirstSegmentBytes));
        second.Append(bytes.AsSpan(1 + BodyCapture.FirstSegmentBytes));

        Assert.Equal(bytes, second.ToArray());
        Assert.Equal(0, first.Count);
    }

    [Fact]
    public void Dispose_ForgetsTheBytes()
    {
        var capture = new BodyCapture(100);
        capture.Append("secret-free bytes"u8);

        capture.Dispose();
        capture.Dispose();

        Assert.Equal(0, capture.Count);
        Assert.Empty(capture.ToArray());
    }

    // Appends chunks of the given sizes, numbered across the whole stream; returns every byte offered.
    private static List<byte> AppendNumbered(BodyCapture capture, int[] sizes)
    {
        var all = new List<byte>();
        foreach (var size in sizes)
        {
            var chunk = Numbered(all.Count, size);
            capture.Append(chunk);
            all.AddRange(chunk);
        }

        return all;
    }

    // Byte i of the stream is i mod 251: segment sizes are multiples of 256, so a copy from the wrong segment or
    // offset cannot produce the same bytes.
    private static byte[] Numbered(int from, int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            bytes[i] = (byte)((from + i) % 251);
        }

        return bytes;
    }
}
