using System.Buffers;

namespace Hush.ExtProc.Codecs.Json;

/// <summary>The string tokenizer: validates and decodes string content unit by unit, across chunk boundaries.</summary>
internal sealed partial class JsonBodyCodec
{
    /// <summary>Bytes that end a run of plain ASCII string content.</summary>
    private static readonly SearchValues<byte> s_stringSpecial = SearchValues.Create(BuildStringSpecial());

    private void BeginString(bool isKey)
    {
        _state = JsonParseState.String;
        _inKey = isKey;
        _stringState = JsonStringState.Normal;
        _highSurrogate = -1;
    }

    /// <summary>
    /// Consumes string content (a value's into the string buffers, a key's into the withheld token) from <paramref name="i"/> until the closing quote (left at <paramref name="i"/>) or the
    /// end of the chunk; returns why the content is invalid (with <paramref name="i"/> at the offending byte), or None.
    /// </summary>
    private JsonFallbackReason ScanString(ReadOnlySpan<byte> chunk, ref int i, IBufferWriter<byte> output)
    {
        Span<byte> unit = stackalloc byte[4];
        while (i < chunk.Length)
        {
            var b = chunk[i];
            switch (_stringState)
            {
                case JsonStringState.Normal:
                    var run = chunk[i..].IndexOfAny(s_stringSpecial);
                    if (run < 0)
                    {
                        run = chunk.Length - i;
                    }

                    if (run > 0)
                    {
                        if (_inKey)
                        {
                            AppendToken(chunk.Slice(i, run), output);
                        }
                        else
                        {
                            _raw.Append(chunk.Slice(i, run));
                            CompleteUnit(run, chunk.Slice(i, run), escape: false);
                        }

                        i += run;
                        continue;
                    }

                    if (b == (byte)'"')
                    {
                        return JsonFallbackReason.None;
                    }

                    if (b == (byte)'\\')
                    {
                        _stringState = JsonStringState.Escape;
                    }
                    else if (b < 0x20)
                    {
                        return JsonFallbackReason.UnexpectedByte;
                    }
                    else
                    {
                        _utf8Length = Utf8Rules.Classify(b, allowSurrogates: false, out _utf8Lower, out _utf8Upper);
                        if (_utf8Length == 0)
                        {
                            return JsonFallbackReason.InvalidUtf8;
                        }

                        _utf8Remaining = _utf8Length - 1;
                        _stringState = JsonStringState.Utf8;
                    }

                    break;
                case JsonStringState.Utf8:
                    if (b < _utf8Lower || b > _utf8Upper)
                    {
                        return JsonFallbackReason.InvalidUtf8;
                    }

                    _utf8Lower = 0x80;
                    _utf8Upper = 0xBF;
                    if (--_utf8Remaining == 0)
                    {
                        AppendRaw(b, output);
                        i++;
                        _stringState = JsonStringState.Normal;
                        if (!_inKey)
                        {
                            // Plain text: the decoded bytes are the raw bytes of the character.
                            CompleteUnit(_utf8Length, _raw.Span.Slice(_completeRaw, _utf8Length), escape: false);
                        }

                        continue;
                    }

                    break;
                case JsonStringState.Escape:
                    byte decoded;
                    switch (b)
                    {
                        case (byte)'"' or (byte)'\\' or (byte)'/':
                            decoded = b;
                            break;
                        case (byte)'b':
                            decoded = 0x08;
                            break;
                        case (byte)'f':
                            decoded = 0x0C;
                            break;
                        case (byte)'n':
                            decoded = 0x0A;
                            break;
                        case (byte)'r':
                            decoded = 0x0D;
                            break;
                        case (byte)'t':
                            decoded = 0x09;
                            break;
                        case (byte)'u':
                            _stringState = JsonStringState.Hex;
                            _hexCount = 0;
                            _hexValue = 0;
                            AppendRaw(b, output);
                            i++;
                            continue;
                        default:
                            return JsonFallbackReason.InvalidEscape;
                    }

                    AppendRaw(b, output);
                    i++;
                    _stringState = JsonStringState.Normal;
                    unit[0] = decoded;
                    CompleteUnit(2, unit[..1], escape: true);
                    continue;
                case JsonStringState.Hex:
                    var digit = HexValue(b);
                    if (digit < 0)
                    {
                        return JsonFallbackReason.InvalidEscape;
                    }

                    AppendRaw(b, output);
                    i++;
                    _hexValue = (_hexValue << 4) | digit;
                    if (++_hexCount == 4)
                    {
                        EndUnicodeEscape(unit);
                    }

                    continue;
                case JsonStringState.LowBackslash:
                    if (b != (byte)'\\')
                    {
                        // A lone high surrogate: kept as its WTF-8 bytes so re-encoding can restore the escape.
                        CompleteUnit(6, unit[..Utf8Rules.Encode(_highSurrogate, unit)], escape: true);
                        _highSurrogate = -1;
                        _stringState = JsonStringState.Normal;
                        continue;
                    }

                    _stringState = JsonStringState.LowU;
                    break;
                case JsonStringState.LowU:
                    if (b != (byte)'u')
                    {
                        // A lone high surrogate followed by another escape, which the Escape state reads from here.
                        CompleteUnit(6, unit[..Utf8Rules.Encode(_highSurrogate, unit)], escape: true);
                        _highSurrogate = -1;
                        _stringState = JsonStringState.Escape;
                        continue;
                    }

                    _stringState = JsonStringState.Hex;
                    _hexCount = 0;
                    _hexValue = 0;
                    break;
            }

            AppendRaw(b, output);
            i++;
        }

        return JsonFallbackReason.None;
    }

    /// <summary>Completes a <c>\uXXXX</c> escape: a scalar, half of a surrogate pair, or a lone surrogate.</summary>
    private void EndUnicodeEscape(Span<byte> unit)
    {
        var value = _hexValue;
        _stringState = JsonStringState.Normal;
        if (_highSurrogate >= 0)
        {
            if (value is >= 0xDC00 and <= 0xDFFF)
            {
                var scalar = 0x10000 + ((_highSurrogate - 0xD800) << 10) + (value - 0xDC00);
                _highSurrogate = -1;
                CompleteUnit(12, unit[..Utf8Rules.Encode(scalar, unit)], escape: true);
                return;
            }

            CompleteUnit(6, unit[..Utf8Rules.Encode(_highSurrogate, unit)], escape: true);
            _highSurrogate = -1;
        }

        if (value is >= 0xD800 and <= 0xDBFF)
        {
            _highSurrogate = value;
            _stringState = JsonStringState.LowBackslash;
            return;
        }

        CompleteUnit(6, unit[..Utf8Rules.Encode(value, unit)], escape: true);
    }

    private void AppendRaw(byte b, IBufferWriter<byte> output)
    {
        if (_inKey)
        {
            AppendToken(b, output);
        }
        else
        {
            _raw.Append(b);
        }
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static byte[] BuildStringSpecial()
    {
        var list = new List<byte> { (byte)'"', (byte)'\\' };
        for (var b = 0; b < 0x20; b++)
        {
            list.Add((byte)b);
        }

        for (var b = 0x80; b < 0x100; b++)
        {
            list.Add((byte)b);
        }

        return [.. list];
    }
}
