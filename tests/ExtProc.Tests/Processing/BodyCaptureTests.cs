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
            var all = new List<byte>();
            var next = (byte)0;
            foreach (var size in sizes)
            {
                var chunk = new byte[size];
                for (var i = 0; i < size; i++)
                {
                    chunk[i] = next++;
                }

                capture.Append(chunk);
                all.AddRange(chunk);
            }

            Assert.Equal(all.Count, capture.Length);
            Assert.Equal(all.Take(cap).ToArray(), capture.Written.ToArray());
            Assert.Equal(all.Count > cap, capture.Truncated);
        }, iter: 200);
    }

    [Fact]
    public void Dispose_ForgetsTheBytes()
    {
        var capture = new BodyCapture(100);
        capture.Append("secret-free bytes"u8);

        capture.Dispose();
        capture.Dispose();

        Assert.Equal(0, capture.Written.Length);
    }
}
