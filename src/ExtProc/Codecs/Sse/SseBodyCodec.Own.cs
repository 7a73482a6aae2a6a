using Hush.Policy.Matching;

namespace Hush.ExtProc.Codecs.Sse;

internal sealed partial class SseBodyCodec
{
    /// <summary>Slot positions of an event whose last string masked on its own is remembered.</summary>
    private const int OwnMemoSlots = 32;

    /// <summary>Longest string the positional memo keeps (longer ones are masked every time).</summary>
    private const int OwnMemoBytes = 4096;

    private OwnMask[]? _ownMemo;

    /// <summary>
    /// Queues a slot for <paramref name="text"/> (a metadata string or a non-data line) masked on its own: its masking
    /// depends on the string alone, so the slot is ready at once and a repeat of the string is not scanned again.
    /// </summary>
    /// <remarks>
    /// Why on its own: these strings are framing the provider writes (ids, model, object, role, <c>event:</c> lines),
    /// mostly the same in every event; the model's text is on the logical streams. Scanned joined on one stream, they
    /// were 40 % of a Chat chunk's scanned bytes and a second matcher call per chunk. The slot's index in its event
    /// finds the same field of the previous event: consecutive events of one answer have the same shape.
    /// </remarks>
    private void AddOwnSlot(ReadOnlySpan<byte> text)
    {
        var ordinal = _slots.Count - _eventSlotStart;
        _slots.Add(SseSlot.Own(MaskOwn(text, ordinal)));
    }

    /// <summary>Masks <paramref name="text"/> on its own, remembering the result at slot position <paramref name="ordinal"/>.</summary>
    private byte[]? MaskOwn(ReadOnlySpan<byte> text, int ordinal)
    {
        if (text.IsEmpty)
        {
            return null;
        }

        if (ordinal >= OwnMemoSlots || text.Length > OwnMemoBytes)
        {
            return MaskAlone(text, out _);
        }

        if (_ownMemo is null || _ownMemo.Length <= ordinal)
        {
            // Most events have a handful of metadata strings: start small, grow to the limit only when needed.
            Array.Resize(ref _ownMemo, ordinal < 8 ? 8 : OwnMemoSlots);
        }

        ref var memo = ref _ownMemo[ordinal];
        if (memo.Text is not null && text.SequenceEqual(memo.Text.AsSpan(0, memo.Length)))
        {
            Replay(memo.Events);
            return memo.Masked;
        }

        var masked = MaskAlone(text, out var events);
        if (memo.Text is null || memo.Text.Length < text.Length)
        {
            memo.Text = new byte[Math.Max(32, text.Length)];
        }

        text.CopyTo(memo.Text);
        memo.Length = text.Length;
        memo.Masked = masked;
        memo.Events = events;
        return masked;
    }

    /// <summary>Masks a whole string with a fresh matcher; null when nothing changed.</summary>
    /// <remarks>
    /// Responses events repeat the same strings (ids, and the whole text in <c>output_text.done</c>,
    /// <c>content_part.done</c>, <c>output_item.done</c> and <c>response.completed</c>). Masking a string alone depends
    /// only on the string, so a repeat reuses the earlier result and reports the same matches again, without scanning
    /// again. The cache is bounded (<see cref="FreshCacheEntries"/>, <see cref="FreshCacheBytes"/>) and starts over
    /// when full.
    /// </remarks>
    private byte[]? MaskFresh(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return null;
        }

        foreach (var entry in _freshCache)
        {
            if (entry.Text.AsSpan().SequenceEqual(text))
            {
                Replay(entry.Events);
                return entry.Masked;
            }
        }

        var masked = MaskAlone(text, out var events);
        if (text.Length <= FreshCacheBytes / 4)
        {
            if (_freshCache.Count >= FreshCacheEntries || _freshCacheBytes + text.Length > FreshCacheBytes)
            {
                _freshCache.Clear();
                _freshCacheBytes = 0;
            }

            _freshCache.Add(new FreshMask(text.ToArray(), masked, events));
            _freshCacheBytes += text.Length;
        }

        return masked;
    }

    /// <summary>
    /// Masks <paramref name="text"/> as a whole input on the thread's reusable matcher and reports its matches; null
    /// when nothing changed. <paramref name="events"/> gets the matches (empty array when none).
    /// </summary>
    private byte[]? MaskAlone(ReadOnlySpan<byte> text, out MatchEvent[] events)
    {
        var matcher = _work.Alone(_policy);
        var output = _work.Masked;
        output.Clear();
        matcher.Write(text, output);
        matcher.Complete(output);
        events = matcher.Events.IsEmpty ? [] : matcher.Events.ToArray();
        RawBodyCodec.Report(matcher, _sink);
        return output.WrittenSpan.SequenceEqual(text) ? null : output.WrittenSpan.ToArray();
    }

    /// <summary>Reports again the matches of a string answered from a cache: each occurrence of a secret counts.</summary>
    private void Replay(MatchEvent[] events)
    {
        foreach (var e in events)
        {
            _sink.OnMatch(e.RuleIndex, e.Action);
        }
    }
}
