using System.Buffers;
using System.Runtime.InteropServices;
using Hush.Policy.Matching;

namespace Hush.ExtProc.Codecs.Sse;

/// <summary>
/// Masks a <c>text/event-stream</c> body event by event: the text fields of OpenAI Chat Completions, OpenAI
/// Responses and Anthropic Messages events are scanned as continuous logical streams, so a secret split across
/// events is masked; events whose text is masked are rewritten, all others pass through byte for byte.
/// </summary>
/// <remarks>
/// <para>Why: an LLM answer arrives as a few characters per event (<c>AKIA</c> in one <c>delta.content</c>,
/// the rest in the next), with JSON framing between the halves, so raw-byte scanning never sees the key. Each
/// logical stream (choice + field, content block + field, Responses item + content index) gets its own
/// <see cref="StreamingMatcher"/> over the decoded text; every other string value (and every non-data line) is masked
/// on its own, a repeat at the same place of the next event answered from the last result; data of unknown shape or
/// invalid JSON/UTF-8 is scanned on two raw streams, joined across events and separated per event, and the union is
/// masked; Responses events that repeat whole texts (<c>….done</c>, <c>response.completed</c>) are masked string by string with fresh
/// matchers, which by chunk-independence agrees with the masked deltas.</para>
/// <para>Withholding: a complete event waits only while one of its slots is not yet released by its stream's matcher
/// (the matcher's hold-back rule decides when text can no longer be part of a secret), and events leave in order.
/// A replacement is written whole into the event where it starts; later events drop the bytes it covered, so a
/// client concatenating the deltas of a stream reads exactly <c>PolicyMatcher.MaskAll</c> of the stream's text (raw
/// data: that of the joined text, plus what the per-event scan masks besides).</para>
/// <para>Framing limits: a line over <see cref="SseCodecOptions.MaxLineBytes"/> or an event over
/// <see cref="SseCodecOptions.MaxEventBytes"/> ends SSE parsing: every logical stream is completed, the queued events
/// are released, and the rest of the body from the start of that event is masked as raw bytes. See
/// docs/sse-masking.md.</para>
/// </remarks>
internal sealed partial class SseBodyCodec : IBodyCodec
{
    /// <summary>Most strings remembered by <see cref="MaskFresh"/>.</summary>
    private const int FreshCacheEntries = 64;

    /// <summary>Most string bytes remembered by <see cref="MaskFresh"/>.</summary>
    private const int FreshCacheBytes = 256 * 1024;

    private readonly PolicyMatcher _policy;
    private readonly IMatchSink _sink;
    private readonly SseCodecOptions _options;
    private readonly PooledBuffer _input = new(4096);
    private readonly List<SseLine> _lines = [];
    private readonly List<SseEvent> _events;
    private readonly List<SseSlot> _slots;
    private readonly List<LogicalStream> _streams = [];
    private readonly List<byte[]> _interned = [];
    private readonly List<FreshMask> _freshCache = [];
    private SseScratch _work = SseScratch.Current;

    // The thread's scanner: an event's tokens are read right after its scan, within one call.
    private SseJsonScanner _json => _work.Json;
    private StreamingMatcher? _fallback;
    private int _head;
    private int _eventSlotStart;
    private long _lastCall = long.MinValue;
    private long _inputBase;
    private long _position;
    private long _lineStart;
    private long _scan;
    private long _eventStart;
    private int _freshCacheBytes;
    private bool _afterCr;
    private bool _leadingLf;
    private bool _finished;
    private bool _disposed;

    /// <summary>Creates the codec for one body over <paramref name="policy"/>'s rules.</summary>
    public SseBodyCodec(PolicyMatcher policy, IMatchSink sink, SseCodecOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(sink);
        _policy = policy;
        _sink = sink;
        _options = options ?? SseCodecOptions.Default;
        (_events, _slots) = _work.RentLists();
    }

    /// <inheritdoc />
    public int HeldBytes => _disposed ? 0
        : _fallback is not null
        ? _fallback.HeldBytes
        : (int)(_position - (_head < _events.Count ? _events[_head].RawStart : _eventStart));

    /// <inheritdoc />
    public long Position => _position;

    /// <summary>The body is being masked as raw bytes because an SSE line or event went over its limit.</summary>
    public bool RawFallback => _fallback is not null;

    /// <inheritdoc />
    public void Process(ReadOnlySpan<byte> chunk, bool final, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ObjectDisposedException.ThrowIf(_finished, this);
        _position += chunk.Length;
        if (CacheWarm.IsCold(ref _lastCall))
        {
            Warm();
        }

        _work = SseScratch.Current;
        if (_fallback is not null)
        {
            WriteFallback(chunk, final, output);
            return;
        }

        _input.Write(chunk);
        if (ReadLines(output))
        {
            WriteFallback([], final, output);
            return;
        }

        if (final)
        {
            FinishEvents();
        }
        else
        {
            FlushStreams();
        }

        EmitReady(output);
        Compact();
        _work.Trim();
        if (final)
        {
            _finished = true;
        }
    }

    /// <summary>Prefetches what this call reads first: input window, queued events and slots, streams, metadata memo.</summary>
    private void Warm()
    {
        CacheWarm.Touch(_input.WrittenSpan);
        CacheWarm.Touch(CollectionsMarshal.AsSpan(_events));
        CacheWarm.Touch(CollectionsMarshal.AsSpan(_slots));
        CacheWarm.Touch(CollectionsMarshal.AsSpan(_lines));
        foreach (var stream in CollectionsMarshal.AsSpan(_streams))
        {
            stream.Warm();
        }

        if (_ownMemo is { } memo)
        {
            CacheWarm.Touch<OwnMask>(memo, 128);
            for (var i = 0; i < 4; i++)
            {
                if (memo[i].Text is { } text)
                {
                    CacheWarm.Touch<byte>(text, 64);
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _finished = true;
        if (_disposed)
        {
            return;
        }

        // After this the lists may serve another body: nothing of this codec reads them again (Process throws).
        _disposed = true;
        SseScratch.Current.ReturnLists(_events, _slots);
        _input.Dispose();
        foreach (var stream in _streams)
        {
            stream.Dispose();
        }
    }

    /// <summary>Ends the body: the unterminated rest becomes a last event and every stream completes.</summary>
    private void FinishEvents()
    {
        if (_position > _lineStart)
        {
            OnLine(_lineStart, _position, _position);
        }

        if (_lines.Count > 0 || _position > _eventStart)
        {
            Dispatch(_position);
        }

        CompleteStreams();
    }

    private void CompleteStreams()
    {
        foreach (var stream in _streams)
        {
            stream.Complete(_work.Output, _sink);
        }
    }

    /// <summary>
    /// Switches to raw-byte masking: completes the logical streams, releases every queued event and feeds the bytes
    /// of the event being read (and everything after) to one raw matcher.
    /// </summary>
    private void StartFallback(IBufferWriter<byte> output)
    {
        CompleteStreams();
        EmitReady(output);
        _fallback = _policy.CreateStream();
        var rest = _input.WrittenSpan[(int)(_eventStart - _inputBase)..];
        _fallback.Write(rest, output);
        RawBodyCodec.Report(_fallback, _sink);
        _input.Clear();
        _inputBase = _position;
        _lines.Clear();
    }

    private void WriteFallback(ReadOnlySpan<byte> chunk, bool final, IBufferWriter<byte> output)
    {
        var fallback = _fallback!;
        fallback.Write(chunk, output);
        if (final)
        {
            fallback.Complete(output);
            _finished = true;
        }

        RawBodyCodec.Report(fallback, _sink);
    }

    /// <summary>Drops released input and the bookkeeping of released events.</summary>
    private void Compact()
    {
        var keep = _head < _events.Count ? _events[_head].RawStart : _eventStart;
        _input.DiscardFront((int)(keep - _inputBase));
        _inputBase = keep;
        if (_head == _events.Count)
        {
            _events.Clear();
            _slots.Clear();
            _head = 0;
        }
        else if (_head > 0)
        {
            // Usually one to a few events wait for their stream: moving them keeps the lists at about one chunk's
            // events instead of growing until many released ones pile up (which allocated on every body).
            var firstSlot = _events[_head].SlotStart;
            _events.RemoveRange(0, _head);
            _slots.RemoveRange(0, firstSlot);
            _head = 0;
            for (var i = 0; i < _events.Count; i++)
            {
                var e = _events[i];
                e.SlotStart -= firstSlot;
                _events[i] = e;
            }
        }

        foreach (var stream in _streams)
        {
            stream.Prune();
        }
    }
}
