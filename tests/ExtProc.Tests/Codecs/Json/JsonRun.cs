using System.Buffers;
using System.Text;
using Hush.ExtProc.Codecs.Json;
using Hush.ExtProc.Tests.Support;
using Hush.Policy.Matching;

namespace Hush.ExtProc.Tests.Codecs.Json;

/// <summary>Drives a <see cref="JsonBodyCodec"/> over a body cut into chunks.</summary>
internal static class JsonRun
{
    private static readonly Lazy<Hush.ExtProc.Policies.LoadedPolicy> s_golden = new(TestPolicies.Golden);

    /// <summary>The golden policy (loaded once per test run).</summary>
    public static Hush.ExtProc.Policies.LoadedPolicy Golden => s_golden.Value;

    /// <summary>Masks <paramref name="body"/> in one buffered call.</summary>
    public static byte[] Whole(PolicyMatcher matcher, byte[] body, out JsonBodyCodec codec, RecordingSink? sink = null, JsonCodecOptions? options = null)
    {
        codec = new JsonBodyCodec(matcher, sink ?? new RecordingSink(), options ?? JsonCodecOptions.Default);
        var output = new ArrayBufferWriter<byte>();
        codec.Process(body, final: true, output);
        Assert.Equal(0, codec.HeldBytes);
        Assert.Equal(body.Length, codec.Position);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Masks <paramref name="body"/> in one buffered call.</summary>
    public static byte[] Whole(PolicyMatcher matcher, byte[] body) => Whole(matcher, body, out _);

    /// <summary>
    /// Masks <paramref name="body"/> streamed in chunks of the given sizes (cycled; the last chunk is final), checking
    /// after each chunk that output plus held bytes never runs ahead of the input.
    /// </summary>
    public static byte[] Chunked(PolicyMatcher matcher, byte[] body, IReadOnlyList<int> sizes, out JsonBodyCodec codec, JsonCodecOptions? options = null)
    {
        codec = new JsonBodyCodec(matcher, new RecordingSink(), options ?? JsonCodecOptions.Default);
        var output = new ArrayBufferWriter<byte>();
        var offset = 0;
        var k = 0;
        while (offset < body.Length)
        {
            var size = Math.Clamp(sizes.Count == 0 ? body.Length : sizes[k++ % sizes.Count], 1, body.Length - offset);
            codec.Process(body.AsSpan(offset, size), final: false, output);
            offset += size;
            Assert.Equal(offset, codec.Position);
            Assert.InRange(codec.HeldBytes, 0, offset);
        }

        codec.Process([], final: true, output);
        Assert.Equal(0, codec.HeldBytes);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Masks <paramref name="body"/> streamed in chunks of the given sizes.</summary>
    public static byte[] Chunked(PolicyMatcher matcher, byte[] body, IReadOnlyList<int> sizes) => Chunked(matcher, body, sizes, out _);

    /// <summary>Asserts that every two-chunk split and byte-by-byte feeding give the one-shot output; returns it.</summary>
    public static string AssertChunkIndependent(PolicyMatcher matcher, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var whole = Whole(matcher, body);
        for (var cut = 1; cut < body.Length; cut++)
        {
            var split = Chunked(matcher, body, [cut, body.Length]);
            Assert.True(whole.AsSpan().SequenceEqual(split), $"split at {cut}: {Encoding.UTF8.GetString(split)}");
        }

        Assert.Equal(Encoding.UTF8.GetString(whole), Encoding.UTF8.GetString(Chunked(matcher, body, [1])));
        return Encoding.UTF8.GetString(whole);
    }

    /// <summary>The UTF-8 bytes of <paramref name="text"/>.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
