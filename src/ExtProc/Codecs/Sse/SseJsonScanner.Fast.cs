using System.Buffers;

namespace Hush.ExtProc.Codecs.Sse;

internal sealed partial class SseJsonScanner
{
    // A string value ends at a quote; a backslash or a control character (invalid unescaped) needs a closer look.
    private static readonly SearchValues<byte> s_stringStops = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"u8);

    /// <summary>
    /// Reads the common case without <see cref="System.Text.Json.Utf8JsonReader"/>: a strict recursive-descent walk that
    /// accepts only JSON it can prove valid (no <c>\u</c> escapes, no escaped or non-ASCII property names, integers of
    /// at most 18 digits, depth up to 60) and records exactly what the reader walk records. False means "not decided
    /// here" (anything else, including every invalid input): the caller resets and runs the reader walk, which
    /// decides. So acceptance and tokens never differ from the reader's.
    /// </summary>
    private bool TryScanFast(ReadOnlySpan<byte> data, int first)
    {
        var pos = first;
        if (!FastObject(data, ref pos, 0))
        {
            return false;
        }

        SkipWhitespace(data, ref pos);
        return pos == data.Length && !_invalid;
    }

    private static void SkipWhitespace(ReadOnlySpan<byte> data, ref int pos)
    {
        while (pos < data.Length && data[pos] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            pos++;
        }
    }

    private bool FastValue(ReadOnlySpan<byte> data, ref int pos, int depth)
    {
        if (pos >= data.Length)
        {
            return false;
        }

        switch (data[pos])
        {
            case (byte)'{':
                return FastObject(data, ref pos, depth);
            case (byte)'[':
                return FastArray(data, ref pos, depth);
            case (byte)'"':
                return FastString(data, ref pos, depth);
            case (byte)'t':
                return FastLiteral(data, ref pos, "true"u8);
            case (byte)'f':
                return FastLiteral(data, ref pos, "false"u8);
            case (byte)'n':
                return FastLiteral(data, ref pos, "null"u8);
            default:
                return FastNumber(data, ref pos, depth);
        }
    }

    private bool FastObject(ReadOnlySpan<byte> data, ref int pos, int depth)
    {
        if (depth > 60)
        {
            return false;
        }

        pos++;
        SkipWhitespace(data, ref pos);
        if (pos < data.Length && data[pos] == '}')
        {
            pos++;
            return true;
        }

        while (true)
        {
            if (pos >= data.Length || data[pos] != '"')
            {
                return false;
            }

            var nameStart = pos + 1;
            var length = data[nameStart..].IndexOfAny(s_stringStops);
            if (length < 0 || data[nameStart + length] != '"')
            {
                return false;
            }

            var name = data.Slice(nameStart, length);
            if (!System.Text.Ascii.IsValid(name))
            {
                return false;
            }

            pos = nameStart + length + 1;
            SkipWhitespace(data, ref pos);
            if (pos >= data.Length || data[pos] != ':')
            {
                return false;
            }

            pos++;
            SkipWhitespace(data, ref pos);
            _path[depth] = (Lookup(name), -1);
            if (!FastValue(data, ref pos, depth + 1))
            {
                return false;
            }

            SkipWhitespace(data, ref pos);
            if (pos >= data.Length)
            {
                return false;
            }

            if (data[pos] == '}')
            {
                pos++;
                return true;
            }

            if (data[pos] != ',')
            {
                return false;
            }

            pos++;
            SkipWhitespace(data, ref pos);
        }
    }

    private bool FastArray(ReadOnlySpan<byte> data, ref int pos, int depth)
    {
        if (depth > 60)
        {
            return false;
        }

        if (depth == 1 && _path[0].Name == JsonName.Choices)
        {
            HasChoices = true;
        }

        pos++;
        SkipWhitespace(data, ref pos);
        if (pos < data.Length && data[pos] == ']')
        {
            pos++;
            return true;
        }

        var i = 0;
        while (true)
        {
            _path[depth] = (JsonName.Other, i++);
            if (!FastValue(data, ref pos, depth + 1))
            {
                return false;
            }

            SkipWhitespace(data, ref pos);
            if (pos >= data.Length)
            {
                return false;
            }

            if (data[pos] == ']')
            {
                pos++;
                return true;
            }

            if (data[pos] != ',')
            {
                return false;
            }

            pos++;
            SkipWhitespace(data, ref pos);
        }
    }

    private static bool FastLiteral(ReadOnlySpan<byte> data, ref int pos, ReadOnlySpan<byte> literal)
    {
        if (!data[pos..].StartsWith(literal))
        {
            return false;
        }

        pos += literal.Length;
        return true;
    }

    /// <summary>An integer of at most 18 digits (no fraction or exponent: those go to the reader).</summary>
    private bool FastNumber(ReadOnlySpan<byte> data, ref int pos, int depth)
    {
        var p = pos;
        var negative = p < data.Length && data[p] == '-';
        if (negative)
        {
            p++;
        }

        var digitsStart = p;
        long value = 0;
        while (p < data.Length && (uint)(data[p] - '0') <= 9)
        {
            value = (value * 10) + (data[p] - '0');
            p++;
        }

        var digits = p - digitsStart;
        if (digits == 0 || digits > 18 || (digits > 1 && data[digitsStart] == '0'))
        {
            return false;
        }

        if (p < data.Length && data[p] is (byte)'.' or (byte)'e' or (byte)'E')
        {
            return false;
        }

        AddNumber(pos, p - pos, depth);
        if (IsKeyNumber(depth))
        {
            OnInteger(negative ? -value : value, depth);
        }

        pos = p;
        return true;
    }

    /// <summary>A string value without <c>\u</c> escapes, decoded into the buffer.</summary>
    private bool FastString(ReadOnlySpan<byte> data, ref int pos, int depth)
    {
        var start = pos;
        var p = pos + 1;
        var escaped = false;
        while (true)
        {
            var i = data[p..].IndexOfAny(s_stringStops);
            if (i < 0)
            {
                return false;
            }

            p += i;
            if (data[p] == '"')
            {
                break;
            }

            if (data[p] != '\\' || p + 1 >= data.Length || data[p + 1] is not ((byte)'"' or (byte)'\\' or (byte)'/'
                or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t'))
            {
                return false;
            }

            escaped = true;
            p += 2;
        }

        var raw = data[(start + 1)..p];
        var dest = Reserve(raw.Length);
        var written = escaped ? Unescape(raw, dest) : raw.Length;
        if (!escaped)
        {
            raw.CopyTo(dest);
        }

        AddString(start, raw.Length, written, depth);
        pos = p + 1;
        return true;
    }

    /// <summary>Decodes the simple escapes (the only ones <see cref="FastString"/> lets through).</summary>
    private static int Unescape(ReadOnlySpan<byte> raw, Span<byte> dest)
    {
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == '\\')
            {
                b = raw[++i] switch
                {
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    var c => c,
                };
            }

            dest[n++] = b;
        }

        return n;
    }
}
