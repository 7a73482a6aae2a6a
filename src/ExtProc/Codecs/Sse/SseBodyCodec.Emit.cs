using System.Buffers;
using System.Runtime.InteropServices;

namespace Hush.ExtProc.Codecs.Sse;

internal sealed partial class SseBodyCodec
{
    private readonly Json.JsonStringEncoder _stringEncoder = new();

    /// <summary>Writes out, in order, every queued event whose slots are all released by their streams.</summary>
    /// <remarks>Unchanged events are contiguous input, so a run of them is written with one call.</remarks>
    private void EmitReady(IBufferWriter<byte> output)
    {
        var events = CollectionsMarshal.AsSpan(_events);
        var slots = CollectionsMarshal.AsSpan(_slots);
        var window = _input.WrittenSpan;
        var runStart = -1L;
        var runEnd = -1L;
        while (_head < events.Length)
        {
            ref readonly var ev = ref events[_head];
            var own = slots.Slice(ev.SlotStart, ev.SlotCount);
            if (!IsReady(own))
            {
                break;
            }

            if (IsChanged(own))
            {
                WriteRun(window, runStart, runEnd, output);
                runStart = runEnd = -1;
                Rewrite(ev, window[(int)(ev.RawStart - _inputBase)..(int)(ev.RawEnd - _inputBase)], output);
            }
            else if (runEnd == ev.RawStart)
            {
                runEnd = ev.RawEnd;
            }
            else
            {
                WriteRun(window, runStart, runEnd, output);
                runStart = ev.RawStart;
                runEnd = ev.RawEnd;
            }

            foreach (ref readonly var slot in own)
            {
                if (slot.Stream is { } stream)
                {
                    stream.EmittedTo = slot.End;
                    if (slot.IsRaw)
                    {
                        _rawSeparated!.EmittedTo = slot.End2;
                        ReportSeparatedMatches(slot);
                    }
                }
            }

            _head++;
        }

        WriteRun(window, runStart, runEnd, output);
    }

    /// <summary>Writes input positions [start, end) unchanged (nothing for an empty run).</summary>
    private void WriteRun(ReadOnlySpan<byte> window, long start, long end, IBufferWriter<byte> output)
    {
        if (end > start)
        {
            output.Write(window[(int)(start - _inputBase)..(int)(end - _inputBase)]);
        }
    }

    private bool IsReady(ReadOnlySpan<SseSlot> slots)
    {
        foreach (ref readonly var slot in slots)
        {
            if (slot.Stream is { } stream
                && (stream.Released < slot.End || (slot.IsRaw && _rawSeparated!.Released < slot.End2)))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsChanged(ReadOnlySpan<SseSlot> slots)
    {
        foreach (ref readonly var slot in slots)
        {
            if (IsChanged(slot))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsChanged(in SseSlot slot) => slot.Stream is { } stream
        ? stream.Changes(slot.Start, slot.End) || (slot.IsRaw && _rawSeparated!.Changes(slot.Start2, slot.End2))
        : slot.Fresh is not null;

    /// <summary>Writes the masked text of a slot whose input text is <paramref name="original"/>.</summary>
    private void RenderSlot(in SseSlot slot, ReadOnlySpan<byte> original, IBufferWriter<byte> output)
    {
        if (slot.Stream is { } stream)
        {
            if (slot.IsRaw)
            {
                LogicalStream.RenderUnion(stream, slot.Start, slot.End, _rawSeparated!, slot.Start2, slot.End2, original, output);
            }
            else
            {
                stream.Render(original, slot.Start, slot.End, output);
            }
        }
        else if (slot.Fresh is { } fresh)
        {
            output.Write(fresh);
        }
        else
        {
            output.Write(original);
        }
    }

    /// <summary>
    /// Writes a masked event: lines in their original order and line ends, changed non-data lines replaced, the data
    /// lines replaced by the masked data (one <c>data:</c> line for JSON, one per data line for raw data).
    /// </summary>
    private void Rewrite(in SseEvent ev, ReadOnlySpan<byte> raw, IBufferWriter<byte> output)
    {
        var pos = 0;
        if (ev.LeadingLf)
        {
            output.Write(raw[..1]);
            pos = 1;
        }

        var lineSlot = ev.SlotStart;
        var dataWritten = false;
        while (pos < raw.Length)
        {
            var next = SseLines.Next(raw, pos, out var contentEnd);
            var line = raw[pos..contentEnd];
            var ending = raw[contentEnd..next];
            if (line.IsEmpty)
            {
                output.Write(raw[pos..next]);
            }
            else if (SseLines.IsData(line, out _))
            {
                if (ev.Data == SseDataKind.None)
                {
                    output.Write(raw[pos..next]);
                }
                else if (!dataWritten)
                {
                    dataWritten = true;
                    WriteMaskedData(ev, raw, ending, output);
                }
            }
            else
            {
                var slot = _slots[lineSlot++];
                if (IsChanged(slot))
                {
                    _work.Masked.Clear();
                    RenderSlot(slot, line, _work.Masked);

                    // A line masked away entirely would be a blank line and end the event early: keep an empty comment.
                    WriteSingleLine(_work.Masked.Length == 0 ? ":"u8 : _work.Masked.WrittenSpan, output);
                    output.Write(ending);
                }
                else
                {
                    output.Write(raw[pos..next]);
                }
            }

            pos = next;
        }
    }

    /// <summary>Writes the masked data as <c>data:</c> lines ended by <paramref name="ending"/>.</summary>
    private void WriteMaskedData(in SseEvent ev, ReadOnlySpan<byte> raw, ReadOnlySpan<byte> ending, IBufferWriter<byte> output)
    {
        var data = ReassembleData(ev, raw);
        var dataSlot = ev.SlotStart + ev.LineSlots;
        _work.Rewrite.Clear();
        if (ev.Data == SseDataKind.Raw)
        {
            RenderSlot(_slots[dataSlot], data, _work.Rewrite);
            var masked = _work.Rewrite.WrittenSpan;
            while (true)
            {
                var i = masked.IndexOfAny((byte)'\r', (byte)'\n');
                output.Write("data: "u8);
                output.Write(i < 0 ? masked : masked[..i]);
                output.Write(ending);
                if (i < 0)
                {
                    return;
                }

                masked = masked[(i + 1)..];
            }
        }

        // The data was scanned before, so it scans again; token t is slot t of the data.
        if (!_json.Scan(data) || _json.Tokens.Count != ev.SlotCount - ev.LineSlots)
        {
            throw new InvalidOperationException("SSE event data changed between scan and rewrite");
        }

        var copied = 0;
        for (var t = 0; t < _json.Tokens.Count; t++)
        {
            var slot = _slots[dataSlot + t];
            if (!IsChanged(slot))
            {
                continue;
            }

            var token = _json.Tokens[t];
            _work.Rewrite.Write(data[copied..token.TokenStart]);
            _work.Masked.Clear();
            RenderSlot(slot, _json.Decoded(token), _work.Masked);
            // The JSON codec's encoder: masked text that a replacement cut mid-character gets \ufffd, never invalid JSON.
            _work.Rewrite.Write("\""u8);
            _stringEncoder.Write(_work.Masked.WrittenSpan, _work.Rewrite);
            _stringEncoder.Flush(_work.Rewrite);
            _work.Rewrite.Write("\""u8);
            copied = token.TokenStart + token.TokenLength;
        }

        _work.Rewrite.Write(data[copied..]);
        output.Write("data: "u8);

        // Joined data lines leave LFs only in JSON whitespace (strings escape them): a space keeps it one line.
        WriteSingleLine(_work.Rewrite.WrittenSpan, output);
        output.Write(ending);
    }

    /// <summary>The event's data reassembled from its raw lines (LF between data lines).</summary>
    private ReadOnlySpan<byte> ReassembleData(in SseEvent ev, ReadOnlySpan<byte> raw)
    {
        _work.Data.Clear();
        var pos = ev.LeadingLf ? 1 : 0;
        var first = true;
        while (pos < raw.Length)
        {
            var next = SseLines.Next(raw, pos, out var contentEnd);
            var line = raw[pos..contentEnd];
            if (!line.IsEmpty && SseLines.IsData(line, out var valueOffset))
            {
                if (!first)
                {
                    _work.Data.Write((byte)'\n');
                }

                first = false;
                _work.Data.Write(line[valueOffset..]);
            }

            pos = next;
        }

        return _work.Data.WrittenSpan;
    }

    /// <summary>Writes text with CR and LF turned into spaces, so it cannot end the SSE line early.</summary>
    private static void WriteSingleLine(ReadOnlySpan<byte> text, IBufferWriter<byte> output)
    {
        while (true)
        {
            var i = text.IndexOfAny((byte)'\r', (byte)'\n');
            if (i < 0)
            {
                output.Write(text);
                return;
            }

            output.Write(text[..i]);
            output.Write(" "u8);
            text = text[(i + 1)..];
        }
    }
}
