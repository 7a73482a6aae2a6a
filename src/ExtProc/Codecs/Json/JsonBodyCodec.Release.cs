using System.Buffers;

namespace Hush.ExtProc.Codecs.Json;

/// <summary>
/// The open string value's matcher and its release: decoded units go to the matcher; as it releases decoded bytes,
/// each fully released unit is written as its raw bytes (unchanged) or through the encoder (masked or cut by a mask).
/// </summary>
internal sealed partial class JsonBodyCodec
{
    /// <summary>Records a complete unit of the open string value: <paramref name="rawLength"/> raw bytes decoding to <paramref name="decoded"/>.</summary>
    private void CompleteUnit(int rawLength, ReadOnlySpan<byte> decoded, bool escape)
    {
        if (_inKey)
        {
            return;
        }

        _completeRaw += rawLength;
        _decoded.Append(decoded);
        if (!escape && _segments.Count > 0 && !_segments.Tail.Escape)
        {
            _segments.Tail.RawLength += rawLength;
            _segments.Tail.DecodedLength += decoded.Length;
            return;
        }

        _segments.Add(new StringSegment { RawLength = rawLength, DecodedLength = decoded.Length, Escape = escape });
    }

    /// <summary>
    /// Feeds the decoded units not yet scanned to the string's matcher (ending its stream when
    /// <paramref name="complete"/>) and writes every unit it has released.
    /// </summary>
    private void Feed(IBufferWriter<byte> output, bool complete)
    {
        if (_stream is null)
        {
            if (_decoded.Count == 0)
            {
                // Nothing decoded yet (or an empty string): no matcher needed.
                return;
            }

            _stream = _matcher.CreateStream();
            _stream.RecordReplacements = true;
        }

        var stream = _stream;
        var before = stream.ReleasedPosition;
        stream.Write(_decoded.Span[_fed..], _scratch);
        _fed = _decoded.Count;
        if (complete)
        {
            stream.Complete(_scratch);
        }

        RawBodyCodec.Report(stream, _sink);
        CollectReplacements(before);
        WriteReleased(output);
    }

    /// <summary>Moves the replacements the matcher released since <paramref name="before"/> out of its output.</summary>
    private void CollectReplacements(long before)
    {
        var stream = _stream!;
        var written = _scratch.WrittenSpan;
        var cursor = before;
        var offset = 0;
        foreach (var replacement in stream.Replacements)
        {
            // Everything between replacements is input copied unchanged: skip it, the units supply those bytes.
            offset += (int)(replacement.Start - cursor);
            _replacements.Add(new PendingReplacement
            {
                Start = replacement.Start,
                End = replacement.End,
                TextOffset = _replacementText.Count,
                TextLength = replacement.OutputLength,
            });
            _replacementText.Append(written.Slice(offset, replacement.OutputLength));
            offset += replacement.OutputLength;
            cursor = replacement.End;
        }

        stream.ClearReplacements();
        _scratch.ResetWrittenCount();
        _releasedTo = stream.ReleasedPosition;
    }

    /// <summary>Writes the complete units whose decoded bytes the matcher has released (plain text may stop mid-run).</summary>
    private void WriteReleased(IBufferWriter<byte> output)
    {
        if (_replacements.Count == 0 && _encoder.PendingCount == 0)
        {
            WriteUntouched(output);
        }

        while (_segments.Count > 0)
        {
            ref var segment = ref _segments.Head;
            var start = _decodedBase;
            if (segment.Escape)
            {
                var end = start + segment.DecodedLength;
                if (end > _releasedTo)
                {
                    return;
                }

                if (_replacements.Count == 0 || _replacements.Head.Start >= end)
                {
                    // Untouched escape: its original spelling is kept.
                    _encoder.Flush(output);
                    output.Write(_raw.Span[..segment.RawLength]);
                }
                else
                {
                    WriteMasked(start, end, output);
                }

                Consume(segment.RawLength, segment.DecodedLength);
                _segments.RemoveHead();
                continue;
            }

            var length = (int)Math.Min(segment.DecodedLength, _releasedTo - start);
            if (length <= 0)
            {
                return;
            }

            // Plain text: the encoder writes valid text without escapes unchanged, so masked or not it goes through it.
            WriteMasked(start, start + length, output);
            Consume(length, length);
            segment.RawLength -= length;
            segment.DecodedLength -= length;
            if (segment.DecodedLength > 0)
            {
                return;
            }

            _segments.RemoveHead();
        }
    }

    /// <summary>
    /// Fast path with no replacement pending: every fully released unit is written as its raw bytes in one piece
    /// (what the per-unit path writes too, since the encoder leaves plain text unchanged and has nothing pending).
    /// </summary>
    private void WriteUntouched(IBufferWriter<byte> output)
    {
        var rawLength = 0;
        var decodedLength = 0;
        while (_segments.Count > 0)
        {
            ref var segment = ref _segments.Head;
            if (_decodedBase + decodedLength + segment.DecodedLength > _releasedTo)
            {
                break;
            }

            rawLength += segment.RawLength;
            decodedLength += segment.DecodedLength;
            _segments.RemoveHead();
        }

        if (rawLength > 0)
        {
            output.Write(_raw.Span[..rawLength]);
            Consume(rawLength, decodedLength);
        }
    }

    /// <summary>Encodes decoded bytes [<paramref name="start"/>, <paramref name="end"/>) with the replacements that cover them.</summary>
    private void WriteMasked(long start, long end, IBufferWriter<byte> output)
    {
        var decoded = _decoded.Span;
        var position = start;
        while (position < end)
        {
            if (_replacements.Count == 0 || _replacements.Head.Start >= end)
            {
                _encoder.Write(decoded[(int)(position - start)..(int)(end - start)], output);
                return;
            }

            ref var replacement = ref _replacements.Head;
            if (position < replacement.Start)
            {
                _encoder.Write(decoded[(int)(position - start)..(int)(replacement.Start - start)], output);
                position = replacement.Start;
                continue;
            }

            if (!replacement.Written)
            {
                _encoder.Write(_replacementText.Span.Slice(replacement.TextOffset, replacement.TextLength), output);
                replacement.Written = true;
            }

            if (replacement.End > end)
            {
                return;
            }

            position = Math.Max(position, replacement.End);
            _replacements.RemoveHead();
            if (_replacements.Count == 0)
            {
                _replacementText.Clear();
            }
        }
    }

    /// <summary>Drops written units from the front of the raw and decoded buffers.</summary>
    private void Consume(int rawLength, int decodedLength)
    {
        _raw.Discard(rawLength);
        _decoded.Discard(decodedLength);
        _completeRaw -= rawLength;
        _fed -= decodedLength;
        _decodedBase += decodedLength;
    }

    /// <summary>Ends the open string value at its closing quote: the matcher resolves everything and all is written.</summary>
    private void EndValueString(IBufferWriter<byte> output)
    {
        Feed(output, complete: true);
        _encoder.Flush(output);
        ResetValueString();
    }

    private void ResetValueString()
    {
        _stream = null;
        _raw.Clear();
        _decoded.Clear();
        _segments.Clear();
        _replacements.Clear();
        _replacementText.Clear();
        _completeRaw = 0;
        _fed = 0;
        _decodedBase = 0;
        _releasedTo = 0;
    }
}
