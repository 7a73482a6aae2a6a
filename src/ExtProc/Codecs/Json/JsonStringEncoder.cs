using System.Buffers;

namespace Hush.ExtProc.Codecs.Json;

/// <summary>
/// Encodes decoded bytes as JSON string content, incrementally: <c>"</c>, <c>\</c> and control bytes are escaped,
/// well-formed UTF-8 is copied (non-ASCII stays UTF-8), a WTF-8 lone surrogate becomes <c>\uXXXX</c> and a byte that
/// starts no well-formed sequence becomes <c>\ufffd</c>. Valid JSON string text without escapes comes out unchanged,
/// which is what keeps unmasked plain text byte-identical. A sequence cut at the end of a write waits for the next.
/// </summary>
internal sealed class JsonStringEncoder
{
    private static readonly SearchValues<byte> s_special = SearchValues.Create(BuildSpecial());

    private readonly byte[] _pending = new byte[4];
    private int _pendingCount;

    /// <summary>Bytes of an incomplete UTF-8 sequence waiting for their continuation.</summary>
    public int PendingCount => _pendingCount;

    /// <summary>Encodes <paramref name="data"/> to <paramref name="output"/>.</summary>
    public void Write(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        if (_pendingCount > 0)
        {
            // The pending prefix plus at most four input bytes finish every item that starts in the prefix.
            Span<byte> head = stackalloc byte[8];
            var take = Math.Min(data.Length, 4);
            var length = _pendingCount + take;
            _pending.AsSpan(0, _pendingCount).CopyTo(head);
            data[..take].CopyTo(head[_pendingCount..]);
            var position = 0;
            while (position < _pendingCount)
            {
                var consumed = Step(head[position..length], output);
                if (consumed == 0)
                {
                    // Still incomplete: the input was shorter than the sequence.
                    head[position..length].CopyTo(_pending);
                    _pendingCount = length - position;
                    return;
                }

                position += consumed;
            }

            data = data[(position - _pendingCount)..];
            _pendingCount = 0;
        }

        while (!data.IsEmpty)
        {
            var consumed = Step(data, output);
            if (consumed == 0)
            {
                data.CopyTo(_pending);
                _pendingCount = data.Length;
                return;
            }

            data = data[consumed..];
        }
    }

    /// <summary>Ends the current text: an incomplete sequence becomes <c>\ufffd</c>.</summary>
    public void Flush(IBufferWriter<byte> output)
    {
        if (_pendingCount > 0)
        {
            output.Write("\\ufffd"u8);
            _pendingCount = 0;
        }
    }

    /// <summary>Encodes the item at the start of <paramref name="data"/>; returns the bytes consumed, 0 when it is cut short.</summary>
    private static int Step(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        var b = data[0];
        if (b < 0x80)
        {
            if (b == (byte)'"')
            {
                output.Write("\\\""u8);
                return 1;
            }

            if (b == (byte)'\\')
            {
                output.Write("\\\\"u8);
                return 1;
            }

            if (b < 0x20)
            {
                WriteControl(b, output);
                return 1;
            }

            var run = data.IndexOfAny(s_special);
            if (run < 0)
            {
                run = data.Length;
            }

            output.Write(data[..run]);
            return run;
        }

        var length = Utf8Rules.Classify(b, allowSurrogates: true, out var lower, out var upper);
        if (length == 0)
        {
            output.Write("\\ufffd"u8);
            return 1;
        }

        for (var k = 1; k < length; k++)
        {
            if (k >= data.Length)
            {
                return 0;
            }

            var c = data[k];
            if (k == 1 ? c < lower || c > upper : c < 0x80 || c > 0xBF)
            {
                output.Write("\\ufffd"u8);
                return 1;
            }
        }

        if (b == 0xED && data[1] >= 0xA0)
        {
            // A lone surrogate the decoder carried as WTF-8: JSON can only spell it as an escape.
            WriteUnicodeEscape(((b & 0x0F) << 12) | ((data[1] & 0x3F) << 6) | (data[2] & 0x3F), output);
            return 3;
        }

        output.Write(data[..length]);
        return length;
    }

    private static void WriteControl(byte b, IBufferWriter<byte> output)
    {
        switch (b)
        {
            case 0x08:
                output.Write("\\b"u8);
                break;
            case 0x09:
                output.Write("\\t"u8);
                break;
            case 0x0A:
                output.Write("\\n"u8);
                break;
            case 0x0C:
                output.Write("\\f"u8);
                break;
            case 0x0D:
                output.Write("\\r"u8);
                break;
            default:
                WriteUnicodeEscape(b, output);
                break;
        }
    }

    private static void WriteUnicodeEscape(int code, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(6);
        span[0] = (byte)'\\';
        span[1] = (byte)'u';
        span[2] = Hex(code >> 12);
        span[3] = Hex(code >> 8);
        span[4] = Hex(code >> 4);
        span[5] = Hex(code);
        output.Advance(6);
    }

    private static byte Hex(int value) => "0123456789abcdef"u8[value & 0xF];

    private static byte[] BuildSpecial()
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
