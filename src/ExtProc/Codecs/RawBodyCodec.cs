using System.Buffers;
using Hush.Policy.Matching;

namespace Hush.ExtProc.Codecs;

/// <summary>Masks the body as plain bytes with one streaming matcher: the codec for text/* and unknown types, and the fallback.</summary>
internal sealed class RawBodyCodec : IBodyCodec
{
    private readonly StreamingMatcher _stream;
    private readonly IMatchSink _sink;

    /// <summary>Creates the codec over <paramref name="matcher"/>'s rules.</summary>
    public RawBodyCodec(PolicyMatcher matcher, IMatchSink sink)
    {
        _stream = matcher.CreateStream();
        _sink = sink;
    }

    /// <inheritdoc />
    public int HeldBytes => _stream.HeldBytes;

    /// <inheritdoc />
    public long Position => _stream.Position;

    /// <inheritdoc />
    public void Process(ReadOnlySpan<byte> chunk, bool final, IBufferWriter<byte> output)
    {
        _stream.Write(chunk, output);
        if (final)
        {
            _stream.Complete(output);
        }

        Report(_stream, _sink);
    }

    /// <summary>Hands the stream's confirmed matches to <paramref name="sink"/> and forgets them.</summary>
    public static void Report(StreamingMatcher stream, IMatchSink sink)
    {
        foreach (var e in stream.Events)
        {
            sink.OnMatch(e.RuleIndex, e.Action);
        }

        stream.ClearEvents();
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
