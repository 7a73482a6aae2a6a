using System.Buffers;

namespace Hush.ExtProc.Codecs.Sse;

internal sealed partial class SseBodyCodec
{
    /// <summary>
    /// Reads the complete lines of the input window and dispatches each finished event. True when a line or event
    /// went over its limit and the codec switched to raw-byte masking.
    /// </summary>
    /// <remarks>
    /// A CR ends its line at once (so an event ending in CR does not wait for the next chunk); an LF right after it
    /// is skipped and, when the CR ended an event, becomes the first byte of the next event. The limits are checked on
    /// complete lines and on the unfinished tail alike, so the event that triggers the fallback does not depend on
    /// chunking.
    /// </remarks>
    private bool ReadLines(IBufferWriter<byte> output)
    {
        var scan = Math.Max(_scan, _lineStart);
        var window = _input.WrittenSpan;
        while (true)
        {
            var from = (int)(scan - _inputBase);
            if (from >= window.Length)
            {
                break;
            }

            if (_afterCr)
            {
                _afterCr = false;
                if (window[from] == '\n')
                {
                    if (_lines.Count == 0 && _lineStart == _eventStart)
                    {
                        _leadingLf = true;
                    }

                    scan++;
                    _lineStart = scan;
                    continue;
                }
            }

            var i = window[from..].IndexOfAny((byte)'\r', (byte)'\n');
            if (i < 0)
            {
                scan = _inputBase + window.Length;
                break;
            }

            var contentEnd = scan + i;
            _afterCr = window[from + i] == '\r';
            if (contentEnd - _lineStart > _options.MaxLineBytes || contentEnd + 1 - _eventStart > _options.MaxEventBytes)
            {
                StartFallback(output);
                return true;
            }

            scan = contentEnd + 1;
            OnLine(_lineStart, contentEnd, scan);
            _lineStart = scan;
        }

        _scan = scan;
        if (_position - _lineStart > _options.MaxLineBytes || _position - _eventStart > _options.MaxEventBytes)
        {
            StartFallback(output);
            return true;
        }

        return false;
    }

    /// <summary>Records a complete line, or dispatches the event at a blank line.</summary>
    private void OnLine(long start, long contentEnd, long next)
    {
        if (contentEnd == start)
        {
            Dispatch(next);
            return;
        }

        var line = _input.WrittenSpan[(int)(start - _inputBase)..(int)(contentEnd - _inputBase)];
        var isData = SseLines.IsData(line, out var valueOffset);
        _lines.Add(new SseLine(start, contentEnd, start + valueOffset, isData));
    }

    /// <summary>Turns the lines read since the last blank line into a queued event and scans its text.</summary>
    private void Dispatch(long rawEnd)
    {
        var ev = new SseEvent { RawStart = _eventStart, RawEnd = rawEnd, SlotStart = _slots.Count, LeadingLf = _leadingLf };
        _eventSlotStart = ev.SlotStart;
        var window = _input.WrittenSpan;
        var dataLines = 0;
        foreach (var line in _lines)
        {
            if (line.IsData)
            {
                dataLines++;
                continue;
            }

            AddOwnSlot(window[(int)(line.Start - _inputBase)..(int)(line.ContentEnd - _inputBase)]);
            ev.LineSlots++;
        }

        if (dataLines > 0)
        {
            var data = AssembleData(window, dataLines);
            ev.Data = data.SequenceEqual("[DONE]"u8) ? SseDataKind.None : ScanData(data);
        }

        ev.SlotCount = _slots.Count - ev.SlotStart;
        _events.Add(ev);
        _lines.Clear();
        _eventStart = rawEnd;
        _leadingLf = false;
    }

    /// <summary>The event's data: one line's value in place, or several joined with LF (per the SSE spec) in a buffer.</summary>
    private ReadOnlySpan<byte> AssembleData(ReadOnlySpan<byte> window, int dataLines)
    {
        if (dataLines == 1)
        {
            foreach (var line in _lines)
            {
                if (line.IsData)
                {
                    return window[(int)(line.ValueStart - _inputBase)..(int)(line.ContentEnd - _inputBase)];
                }
            }
        }

        _work.Data.Clear();
        var first = true;
        foreach (var line in _lines)
        {
            if (!line.IsData)
            {
                continue;
            }

            if (!first)
            {
                _work.Data.Write((byte)'\n');
            }

            first = false;
            _work.Data.Write(window[(int)(line.ValueStart - _inputBase)..(int)(line.ContentEnd - _inputBase)]);
        }

        return _work.Data.WrittenSpan;
    }

    /// <summary>Scans the text queued on every stream (once per input chunk).</summary>
    private void FlushStreams()
    {
        foreach (var stream in _streams)
        {
            stream.Flush(_work.Output, _sink);
        }
    }
}
