using System.Buffers;
using Hush.ExtProc.Codecs;
using Hush.ExtProc.Codecs.Sse;
using Hush.Policy.Matching;

namespace Hush.Benchmarks.Sse;

/// <summary>Feeds SSE bodies to a codec (or a plain copy) in fixed-size chunks.</summary>
internal static class SseRunner
{
    /// <summary>Creates the codec of <paramref name="mode"/>; null for pass-through.</summary>
    public static IBodyCodec? Create(SseMode mode, PolicyMatcher matcher, IMatchSink sink) => mode switch
    {
        SseMode.Sse => new SseBodyCodec(matcher, sink),
        SseMode.Raw => new RawBodyCodec(matcher, sink),
        _ => null,
    };

    /// <summary>Processes every body of <paramref name="bodies"/> in <paramref name="chunk"/>-byte chunks; returns bytes written.</summary>
    public static long RunAll(IReadOnlyList<byte[]> bodies, SseMode mode, PolicyMatcher matcher, IMatchSink sink, int chunk, IBufferWriter<byte> output)
    {
        var written = 0L;
        foreach (var body in bodies)
        {
            written += Run(body, mode, matcher, sink, chunk, output);
        }

        return written;
    }

    /// <summary>Processes one body; returns the bytes written.</summary>
    public static long Run(byte[] body, SseMode mode, PolicyMatcher matcher, IMatchSink sink, int chunk, IBufferWriter<byte> output)
    {
        using var codec = Create(mode, matcher, sink);
        var counter = new CountingWriter(output);
        for (var from = 0; from < body.Length; from += chunk)
        {
            var n = Math.Min(chunk, body.Length - from);
            var final = from + n == body.Length;
            if (codec is null)
            {
                counter.Write(body.AsSpan(from, n));
            }
            else
            {
                codec.Process(body.AsSpan(from, n), final, counter);
            }
        }

        return counter.Written;
    }
}
