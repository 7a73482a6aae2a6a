using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Hush.ExtProc.Audit;

/// <summary>
/// The JSON value encodings of the canonical form, written as UTF-8. Defined here byte for byte (rather than borrowed
/// from a JSON library whose escaping may change between versions) so a hash computed today still verifies in ten
/// years.
/// </summary>
internal static class CanonicalJson
{
    // Input bytes escaped per output span: a block needs up to six times its size.
    private const int EscapeBlock = 4096;

    private static readonly SearchValues<byte> s_escaped = SearchValues.Create(
        [(byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    /// <summary>
    /// Writes a JSON string: <c>"</c> and <c>\</c> escaped with a backslash, U+0000–U+001F as <c>\u00xx</c> (lowercase
    /// hex), everything else literal UTF-8 (a lone surrogate as U+FFFD, as <see cref="Encoding.UTF8"/> encodes it).
    /// </summary>
    /// <remarks>
    /// The text is transcoded in one call, then escaped byte-wise: the characters to escape are ASCII, and no byte of
    /// a multi-byte UTF-8 sequence is below 0x80, so this equals escaping the characters and then encoding. Masked SSE
    /// bodies are JSON with a quote every few bytes, so the per-run cost is kept to one search and one copy into a span
    /// taken once per 4 KiB block.
    /// </remarks>
    public static void WriteString(IBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            output.Write("null"u8);
            return;
        }

        WriteByte(output, (byte)'"');
        var length = Encoding.UTF8.GetByteCount(value);
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var rest = rented.AsSpan(0, Encoding.UTF8.GetBytes(value, rented));
            while (!rest.IsEmpty)
            {
                var block = rest[..Math.Min(rest.Length, EscapeBlock)];
                output.Advance(Escape(block, output.GetSpan(block.Length * 6)));
                rest = rest[block.Length..];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        WriteByte(output, (byte)'"');
    }

    /// <summary>Writes an integer in invariant decimal, no leading zeros or plus sign.</summary>
    public static void WriteInteger(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        if (!Utf8Formatter.TryFormat(value, span, out var written))
        {
            throw new InvalidOperationException("a long needs at most 20 bytes");
        }

        output.Advance(written);
    }

    /// <summary>Writes the canonical array of strings, in the given order.</summary>
    public static void WriteStringArray(IBufferWriter<byte> output, IReadOnlyList<string> values)
    {
        WriteByte(output, (byte)'[');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                WriteByte(output, (byte)',');
            }

            WriteString(output, values[i]);
        }

        WriteByte(output, (byte)']');
    }

    /// <summary>Writes the canonical array of rule hits, in the given order: <c>[{"count":2,"rule":"aws-key"}]</c>.</summary>
    public static void WriteRuleHitArray(IBufferWriter<byte> output, IReadOnlyList<AuditRuleHit> hits)
    {
        WriteByte(output, (byte)'[');
        for (var i = 0; i < hits.Count; i++)
        {
            if (i > 0)
            {
                WriteByte(output, (byte)',');
            }

            output.Write("{\"count\":"u8);
            WriteInteger(output, hits[i].Count);
            output.Write(",\"rule\":"u8);
            WriteString(output, hits[i].Rule);
            WriteByte(output, (byte)'}');
        }

        WriteByte(output, (byte)']');
    }

    /// <summary>The canonical array of strings as text (the stores keep it in a column).</summary>
    public static string StringArray(IReadOnlyList<string> values)
    {
        var output = new ArrayBufferWriter<byte>(64);
        WriteStringArray(output, values);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>The canonical array of rule hits as text (the stores keep it in a column).</summary>
    public static string RuleHitArray(IReadOnlyList<AuditRuleHit> hits)
    {
        var output = new ArrayBufferWriter<byte>(64);
        WriteRuleHitArray(output, hits);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>Writes <paramref name="text"/> escaped into <paramref name="target"/> (room for six bytes per byte); returns the bytes written.</summary>
    private static int Escape(ReadOnlySpan<byte> text, Span<byte> target)
    {
        var written = 0;
        while (true)
        {
            var i = text.IndexOfAny(s_escaped);
            if (i < 0)
            {
                text.CopyTo(target[written..]);
                return written + text.Length;
            }

            text[..i].CopyTo(target[written..]);
            written += i;
            var c = text[i];
            target[written] = (byte)'\\';
            if (c == '"' || c == '\\')
            {
                target[written + 1] = c;
                written += 2;
            }
            else
            {
                "u00"u8.CopyTo(target[(written + 1)..]);
                target[written + 4] = HexLower(c >> 4);
                target[written + 5] = HexLower(c & 0xF);
                written += 6;
            }

            text = text[(i + 1)..];
        }
    }

    /// <summary>Writes one byte.</summary>
    public static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static byte HexLower(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
