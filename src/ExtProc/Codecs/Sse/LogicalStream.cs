using System.Buffers;
using System.Runtime.InteropServices;
using Hush.Policy.Matching;

namespace Hush.ExtProc.Codecs.Sse;

/// <summary>
/// One logical text stream of an SSE body (a choice's content, a content block's text, raw data…) with
/// its own <see cref="StreamingMatcher"/> and the replacements its events still need.
/// </summary>
/// <remarks>
/// The matcher's plain output is thrown away: unchanged text is re-read from the event, so only replacement bytes
/// are kept (the log gives their input ranges, and everything between them is input copied unchanged). A
/// replacement is kept until every slot it touches has been emitted. Text is queued and written to the matcher once
/// per input chunk (<see cref="Flush"/>): a matcher call has a fixed cost that would otherwise dominate token-sized
/// events, and the matcher's output does not depend on how its input is split.
/// </remarks>
internal sealed partial class LogicalStream : IDisposable
{
    private readonly StreamingMatcher _matcher;
    private readonly List<SseReplacement> _replacements = [];
    private readonly PooledBuffer _pending = new(256);
    private bool _completed;

    /// <summary>Creates a stream over <paramref name="policy"/>'s rules.</summary>
    public LogicalStream(PolicyMatcher policy, StreamKey key)
    {
        _matcher = policy.CreateStream();
        _matcher.RecordReplacements = true;
        Key = key;
    }

    /// <summary>Which logical stream this is.</summary>
    public StreamKey Key { get; }

    /// <summary>Text bytes appended so far (written or queued).</summary>
    public long Length => _matcher.Position + _pending.Length;

    /// <summary>Everything before this position is final (masked or not).</summary>
    public long Released => _matcher.ReleasedPosition;

    /// <summary>End of the own range of the last emitted slot: replacements ending by it are no longer needed.</summary>
    public long EmittedTo { get; set; }

    /// <summary>Whether confirmed matches go to the sink when found (false: only to <see cref="KeptMatches"/>).</summary>
    public bool ReportsMatches { get; init; } = true;

    /// <summary>When set, every confirmed match, with its span in this stream, is also appended here.</summary>
    /// <remarks>The two raw streams scan the same data: the codec compares their spans to report a key once.</remarks>
    public List<MatchEvent>? KeptMatches { get; init; }

    /// <summary>Queues text for the next <see cref="Flush"/>.</summary>
    public void Append(ReadOnlySpan<byte> text)
    {
        if (!_completed)
        {
            _pending.Write(text);
        }
    }

    /// <summary>Queues one byte (the separated raw stream's LF).</summary>
    public void Append(byte value)
    {
        if (!_completed)
        {
            _pending.Write(value);
        }
    }

    /// <summary>Scans the queued text and collects what became final.</summary>
    public void Flush(PooledBuffer scratch, IMatchSink sink)
    {
        if (_pending.Length == 0 || _completed)
        {
            return;
        }

        var before = _matcher.ReleasedPosition;
        scratch.Clear();
        _matcher.Write(_pending.WrittenSpan, scratch);
        _pending.Clear();
        Collect(before, scratch, sink);
    }

    /// <summary>Ends the stream: everything becomes final.</summary>
    public void Complete(PooledBuffer scratch, IMatchSink sink)
    {
        if (_completed)
        {
            return;
        }

        Flush(scratch, sink);
        var before = _matcher.ReleasedPosition;
        scratch.Clear();
        _matcher.Complete(scratch);
        _completed = true;
        Collect(before, scratch, sink);
    }

    /// <summary>Whether a replacement touches the own range [start, ownEnd) of a slot.</summary>
    public bool Changes(long start, long ownEnd)
    {
        if (start >= ownEnd)
        {
            return false;
        }

        foreach (var r in _replacements)
        {
            if (r.Start >= ownEnd)
            {
                break;
            }

            if (r.End > start)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes the masked text of a slot whose input text is <paramref name="original"/> (stream positions
    /// [start, end)): a replacement is written whole by the slot where it starts; bytes it covers in later slots are
    /// dropped there.
    /// </summary>
    public void Render(ReadOnlySpan<byte> original, long start, long ownEnd, IBufferWriter<byte> output)
    {
        var end = start + original.Length;
        var cursor = start;
        foreach (var r in _replacements)
        {
            if (r.Start >= ownEnd)
            {
                break;
            }

            if (r.End <= start)
            {
                continue;
            }

            if (r.Start < start)
            {
                cursor = Math.Max(cursor, r.End);
                continue;
            }

            if (r.Start > cursor && cursor < end)
            {
                output.Write(original[(int)(cursor - start)..(int)(Math.Min(r.Start, end) - start)]);
            }

            output.Write(r.Output);
            cursor = Math.Max(cursor, r.End);
        }

        if (cursor < end)
        {
            output.Write(original[(int)(cursor - start)..]);
        }
    }

    /// <summary>Forgets replacements that end by <see cref="EmittedTo"/>.</summary>
    public void Prune()
    {
        var n = 0;
        while (n < _replacements.Count && _replacements[n].End <= EmittedTo)
        {
            n++;
        }

        if (n > 0)
        {
            _replacements.RemoveRange(0, n);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _pending.Dispose();

    /// <summary>Loads the state the next chunk reads.</summary>
    public void Warm()
    {
        CacheWarm.Touch(_pending.WrittenSpan, 64);
        CacheWarm.Touch(CollectionsMarshal.AsSpan(_replacements), 64);
        _matcher.Warm();
    }

    private void Collect(long before, PooledBuffer scratch, IMatchSink sink)
    {
        if (KeptMatches is not null)
        {
            foreach (var e in _matcher.Events)
            {
                KeptMatches.Add(e);
            }
        }

        if (ReportsMatches)
        {
            RawBodyCodec.Report(_matcher, sink);
        }
        else
        {
            _matcher.ClearEvents();
        }

        var log = _matcher.Replacements;
        if (log.IsEmpty)
        {
            return;
        }

        // Released output = input copied unchanged except at the logged replacements, so each replacement's output
        // sits at its input offset shifted by the length changes before it.
        var output = scratch.WrittenSpan;
        var inPos = before;
        var outPos = 0L;
        foreach (var r in log)
        {
            outPos += r.Start - inPos;
            _replacements.Add(new SseReplacement(r.Start, r.End, output.Slice((int)outPos, r.OutputLength).ToArray()));
            outPos += r.OutputLength;
            inPos = r.End;
        }

        _matcher.ClearReplacements();
    }
}
