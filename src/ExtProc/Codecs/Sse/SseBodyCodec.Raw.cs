using Hush.Policy.Matching;

namespace Hush.ExtProc.Codecs.Sse;

internal sealed partial class SseBodyCodec
{
    // Each raw stream keeps its matches (KeptMatches: the joined stream's already reported, the separated one's not
    // yet) with their spans until the slot they start in is emitted, so a key found by both streams is reported once.
    // Created with the streams, so a body without raw events pays for none of it.
    private LogicalStream? _raw;
    private LogicalStream? _rawSeparated;

    /// <summary>
    /// The data as one raw slot, scanned twice: on the joined raw stream (the data of all raw events concatenated, so
    /// a key split across plain-text events is found) and on the separated raw stream (each raw event's data followed
    /// by an LF, so a key alone in an event keeps its word boundaries whatever the neighbouring events end or start
    /// with). The slot masks the union (<see cref="LogicalStream.RenderUnion"/>).
    /// </summary>
    /// <remarks>
    /// Joined alone, <c>data: foo</c> then <c>data: AKIA…</c> reads <c>fooAKIA…</c>, where a rule's leading <c>\b</c>
    /// fails (fuzz finding E); separated alone, a key split across two events is never whole. The LF is what the SSE
    /// spec puts between the data lines of one event, so the separated stream reads the events like one multi-line
    /// event; it is scanned, never written. Both streams are created on the first raw event only.
    /// </remarks>
    private SseDataKind ScanRaw(ReadOnlySpan<byte> data)
    {
        if (_raw is null || _rawSeparated is null)
        {
            _raw = new LogicalStream(_policy, new StreamKey(StreamKey.Raw, 0, 0, 0, 0)) { KeptMatches = [] };
            _rawSeparated = new LogicalStream(_policy, new StreamKey(StreamKey.Raw, 1, 0, 0, 0))
            {
                ReportsMatches = false,
                KeptMatches = [],
            };
            _streams.Add(_raw);
            _streams.Add(_rawSeparated);
        }

        var start = _raw.Length;
        _raw.Append(data);
        var start2 = _rawSeparated.Length;
        _rawSeparated.Append(data);
        _rawSeparated.Append((byte)'\n');
        _slots.Add(SseSlot.Raw(_raw, start, start + data.Length, start2));
        return SseDataKind.Raw;
    }

    /// <summary>
    /// Reports the separated stream's matches that start in an emitted raw slot, except those the joined stream found
    /// too (same rule, overlapping span), then forgets the joined matches that end in the slot.
    /// </summary>
    /// <remarks>
    /// The joined stream reports its matches as it confirms them, as every stream does; the separated stream only adds
    /// what the joined one missed (a key next to a word byte of the neighbouring event), so metrics and audit count a
    /// key once. The slot is emitted only when both streams have released its text, so by then both have confirmed
    /// every match that starts in it. A separated match that runs over the LF into the next event is mapped with its
    /// start's slot (off by the LFs it crosses), which only widens the overlap test.
    /// </remarks>
    private void ReportSeparatedMatches(in SseSlot slot)
    {
        var separated = _rawSeparated!.KeptMatches!;
        var joined = _raw!.KeptMatches!;
        var shift = slot.Start2 - slot.Start;
        var kept = 0;
        for (var k = 0; k < separated.Count; k++)
        {
            var e = separated[k];
            if (e.Start >= slot.End2)
            {
                separated[kept++] = e;
                continue;
            }

            if (!FoundJoined(joined, e.RuleIndex, e.Start - shift, Math.Max(e.End, e.Start + 1) - shift))
            {
                _sink.OnMatch(e.RuleIndex, e.Action);
            }
        }

        separated.RemoveRange(kept, separated.Count - kept);

        // Separated matches of later slots start at or after this slot's end: joined matches ending by it cannot
        // overlap them.
        kept = 0;
        for (var k = 0; k < joined.Count; k++)
        {
            if (joined[k].End > slot.End)
            {
                joined[kept++] = joined[k];
            }
        }

        joined.RemoveRange(kept, joined.Count - kept);
    }

    /// <summary>Whether the joined stream found rule <paramref name="rule"/> overlapping joined positions [start, end).</summary>
    private static bool FoundJoined(List<MatchEvent> joined, int rule, long start, long end)
    {
        foreach (var j in joined)
        {
            if (j.RuleIndex == rule && j.Start < end && start < Math.Max(j.End, j.Start + 1))
            {
                return true;
            }
        }

        return false;
    }
}
