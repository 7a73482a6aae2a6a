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
    private static readonly SearchValues<byte> s_escaped = SearchValues.Create(
        [(byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    /// <summary>
    /// Writes a JSON string: <c>"</c> and <c>\</c> escaped with a backslash, U+0000–U+001F as <c>\u00xx</c> (lowercase
    /// hex), everything else literal UTF-8 (a lone surrogate as U+FFFD, as <see cref="Encoding.UTF8"/> encodes it).
    /// </summary>
    /// <remarks>
    /// The text is transcoded in one call, then escaped byte-wise: the characters to escape are ASCII, and no byte of
    /// a multi-byte UTF-8 sequence is below 0x80, so this equals escaping the characters and then encoding. Masked SSE
    /// bodies are JSON with a quote every few bytes, so the per-run cost is kept to one search and one copy.
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
            while (true)
            {
                var i = rest.IndexOfAny(s_escaped);
                if (i < 0)
                {
                    output.Write(rest);
                    break;
                }

                output.Write(rest[..i]);
                WriteEscape(output, rest[i]);
                rest = rest[(i + 1)..];
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

    /// <summary>Writes one byte.</summary>
    public static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteEscape(IBufferWriter<byte> output, byte c)
    {
        if (c == '"' || c == '\\')
        {
            var pair = output.GetSpan(2);
            pair[0] = (byte)'\\';
            pair[1] = c;
            output.Advance(2);
            return;
        }

        var span = output.GetSpan(6);
        "\\u00"u8.CopyTo(span);
        span[4] = HexLower(c >> 4);
        span[5] = HexLower(c & 0xF);
        output.Advance(6);
    }

    private static byte HexLower(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
