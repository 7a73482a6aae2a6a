using System.Globalization;
using System.Text;

namespace Hush.Benchmarks.Corpus;

/// <summary>
/// Growable UTF-8 byte buffer the corpus is written into; knows its length so planted secrets can record their
/// byte offsets exactly.
/// </summary>
internal sealed class CorpusSink
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a sink with room for <paramref name="capacity"/> bytes before it grows.</summary>
    public CorpusSink(int capacity) => _buffer = new byte[Math.Max(capacity, 1024)];

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Appends the UTF-8 encoding of <paramref name="text"/>.</summary>
    public CorpusSink Append(string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Ensure(max);
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
        return this;
    }

    /// <summary>Appends one ASCII character.</summary>
    public CorpusSink Append(char ascii)
    {
        Ensure(1);
        _buffer[_length++] = (byte)ascii;
        return this;
    }

    /// <summary>Appends an integer in invariant culture.</summary>
    public CorpusSink Append(long value) => Append(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Appends raw bytes (for example a buffer written by a nested generator).</summary>
    public CorpusSink Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
        return this;
    }

    /// <summary>Appends <paramref name="count"/> copies of <paramref name="ascii"/>.</summary>
    public CorpusSink Repeat(char ascii, int count)
    {
        Ensure(count);
        _buffer.AsSpan(_length, count).Fill((byte)ascii);
        _length += count;
        return this;
    }

    /// <summary>Appends a line feed.</summary>
    public CorpusSink Line() => Append('\n');

    /// <summary>Appends <paramref name="text"/> and a line feed.</summary>
    public CorpusSink Line(string text) => Append(text).Append('\n');

    /// <summary>
    /// Appends UTF-8 bytes escaped as the inside of a JSON string (quotes, backslashes and control bytes), as
    /// chat completion payloads carry code and prose.
    /// </summary>
    public CorpusSink AppendJsonEscaped(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length * 2);
        foreach (var b in utf8)
        {
            switch (b)
            {
                case (byte)'"': Append('\\').Append('"'); break;
                case (byte)'\\': Append('\\').Append('\\'); break;
                case (byte)'\n': Append('\\').Append('n'); break;
                case (byte)'\t': Append('\\').Append('t'); break;
                case (byte)'\r': Append('\\').Append('r'); break;
                default:
                    if (b < 0x20)
                    {
                        Append("\\u00").Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
                    }
                    else
                    {
                        Append((char)b);
                    }

                    break;
            }
        }

        return this;
    }

    /// <summary>Shortens the written bytes to <paramref name="length"/>.</summary>
    public void Truncate(int length) => _length = Math.Min(_length, length);

    private static char HexDigit(int v) => (char)(v < 10 ? '0' + v : 'a' + v - 10);

    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length)
        {
            return;
        }

        var size = Math.Max(_buffer.Length * 2L, _length + (long)extra);
        Array.Resize(ref _buffer, (int)Math.Min(size, Array.MaxLength));
    }
}
