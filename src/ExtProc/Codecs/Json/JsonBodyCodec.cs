using System.Buffers;
using Hush.Policy.Matching;

namespace Hush.ExtProc.Codecs.Json;

/// <summary>
/// Masks an <c>application/json</c> body as it streams: an incremental tokenizer decodes every string value (all JSON
/// escapes, surrogate pairs) and scans it with its own <see cref="StreamingMatcher"/>; structure, whitespace, numbers,
/// literals, keys and every unmasked unit of a string are written exactly as they came, a masked span is written as
/// its JSON-encoded replacement. Invalid JSON or nesting past the depth limit falls back to raw-byte scanning of the
/// rest of the body (<see cref="FellBack"/>, <see cref="FallbackReason"/>). See docs/json-masking.md. Not thread-safe.
/// </summary>
internal sealed partial class JsonBodyCodec : IBodyCodec
{
    /// <summary>Longest key or number kept back whole; longer ones are released as they come (never masked anyway).</summary>
    private const int MaxTokenHold = 4096;

    private readonly PolicyMatcher _matcher;
    private readonly IMatchSink _sink;
    private readonly int _maxDepth;

    // Structure: one flag per open container (true = object).
    private readonly bool[] _containers;
    private int _depth;
    private JsonParseState _state = JsonParseState.Value;
    private long _position;

    // The open string (key or value) and its decoder.
    private bool _inKey;
    private JsonStringState _stringState;
    private int _hexCount;
    private int _hexValue;
    private int _highSurrogate = -1;
    private int _utf8Remaining;
    private int _utf8Length;
    private byte _utf8Lower;
    private byte _utf8Upper;

    // The open string value: raw bytes not yet written (complete units, then the unit being decoded), their decoded
    // bytes (from _decodedBase), the segments describing the complete units, and its matcher.
    private readonly ByteQueue _raw = new();
    private readonly ByteQueue _decoded = new();
    private readonly ValueQueue<StringSegment> _segments = new();
    private readonly ValueQueue<PendingReplacement> _replacements = new();
    private readonly ByteQueue _replacementText = new();
    private readonly ArrayBufferWriter<byte> _scratch = new(256);
    private readonly JsonStringEncoder _encoder = new();
    private StreamingMatcher? _stream;
    private int _completeRaw;
    private int _fed;
    private long _decodedBase;
    private long _releasedTo;

    // The open key, number or literal, withheld whole so a fallback inside it rescans it.
    private byte[] _token = new byte[32];
    private int _tokenLength;
    private JsonNumberState _numberState;
    private int _literalKind;
    private int _literalIndex;

    private StreamingMatcher? _fallback;

    /// <summary>Creates the codec over <paramref name="matcher"/>'s rules, reporting matches to <paramref name="sink"/>.</summary>
    public JsonBodyCodec(PolicyMatcher matcher, IMatchSink sink, JsonCodecOptions options)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDepth, 1);
        _matcher = matcher;
        _sink = sink;
        _maxDepth = options.MaxDepth;
        _containers = new bool[options.MaxDepth];
    }

    /// <summary>Creates the codec with <see cref="JsonCodecOptions.Default"/>.</summary>
    public JsonBodyCodec(PolicyMatcher matcher, IMatchSink sink)
        : this(matcher, sink, JsonCodecOptions.Default)
    {
    }

    /// <summary>True once invalid input switched the rest of the body to raw-byte scanning.</summary>
    public bool FellBack => _fallback is not null;

    /// <summary>Why the codec fell back (<see cref="JsonFallbackReason.None"/> while it has not).</summary>
    public JsonFallbackReason FallbackReason { get; private set; }

    /// <inheritdoc />
    public int HeldBytes => _raw.Count + _tokenLength + (_fallback?.HeldBytes ?? 0);

    /// <inheritdoc />
    public long Position => _position;

    /// <inheritdoc />
    public void Process(ReadOnlySpan<byte> chunk, bool final, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _position += chunk.Length;
        if (_fallback is null)
        {
            var stop = Parse(chunk, output);
            chunk = stop < 0 ? [] : chunk[stop..];
            if (final && _fallback is null)
            {
                Finish(output);
            }
        }

        if (_fallback is not null)
        {
            _fallback.Write(chunk, output);
            if (final)
            {
                _fallback.Complete(output);
            }

            RawBodyCodec.Report(_fallback, _sink);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
