using System.Buffers;
using System.Buffers.Text;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    /// <summary>
    /// Writes a JSON string: <c>"</c> and <c>\</c> escaped with a backslash, U+0000–U+001F as <c>\u00xx</c> (lowercase
    /// hex), everything else literal UTF-8 (a lone surrogate as U+FFFD, as <see cref="Encoding.UTF8"/> encodes it).
    /// </summary>
    /// <remarks>
    /// The text is transcoded in one call, then escaped byte-wise: the characters to escape are ASCII, and no byte of
    /// a multi-byte UTF-8 sequence is below 0x80, so this equals escaping the characters and then encoding. Masked SSE
    /// bodies are JSON with a quote every few bytes, so bytes are tested 32 at a time and each escape costs one
    /// vector compare, into a span taken once per 4 KiB block.
    /// </remarks>
    public static void WriteString(IBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            output.Write("null"u8);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            WriteString(output, rented.AsSpan(0, Encoding.UTF8.GetBytes(value, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Writes a JSON string from valid UTF-8 (the caller guarantees it): the same bytes
    /// <see cref="WriteString(IBufferWriter{byte}, string?)"/> writes for the decoded text.
    /// </summary>
    public static void WriteString(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        WriteByte(output, (byte)'"');
        var rest = utf8;
        while (!rest.IsEmpty)
        {
            var block = rest[..Math.Min(rest.Length, EscapeBlock)];
            output.Advance(Escape(block, output.GetSpan(block.Length * 6)));
            rest = rest[block.Length..];
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
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // 32 bytes at a time: the block is stored as it is, then cut at its first byte to escape. Masked SSE and
            // JSON bodies have a quote every few bytes, so this costs one compare per escape instead of a search.
            ref var source = ref MemoryMarshal.GetReference(text);
            ref var destination = ref MemoryMarshal.GetReference(target);
            while (i + Vector256<byte>.Count <= text.Length && written + Vector256<byte>.Count <= target.Length)
            {
                var block = Vector256.LoadUnsafe(ref source, (nuint)i);
                var escapes = (Vector256.LessThan(block, Vector256.Create((byte)0x20))
                    | Vector256.Equals(block, Vector256.Create((byte)'"'))
                    | Vector256.Equals(block, Vector256.Create((byte)'\\'))).ExtractMostSignificantBits();
                block.StoreUnsafe(ref destination, (nuint)written);
                if (escapes == 0)
                {
                    i += Vector256<byte>.Count;
                    written += Vector256<byte>.Count;
                    continue;
                }

                var plain = BitOperations.TrailingZeroCount(escapes);
                i += plain;
                written += plain;
                written += WriteEscape(text[i++], target[written..]);
            }
        }

        while (i < text.Length)
        {
            var c = text[i++];
            if (NeedsEscape(c))
            {
                written += WriteEscape(c, target[written..]);
            }
            else
            {
                target[written++] = c;
            }
        }

        return written;
    }

    /// <summary>Writes the escape of <paramref name="c"/>; returns its length.</summary>
    private static int WriteEscape(byte c, Span<byte> target)
    {
        target[0] = (byte)'\\';
        if (c == '"' || c == '\\')
        {
            target[1] = c;
            return 2;
        }

        "u00"u8.CopyTo(target[1..]);
        target[4] = HexLower(c >> 4);
        target[5] = HexLower(c & 0xF);
        return 6;
    }

    private static bool NeedsEscape(byte c) => c < 0x20 || c == '"' || c == '\\';

    /// <summary>Writes one byte.</summary>
    public static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static byte HexLower(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
