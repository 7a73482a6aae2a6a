using System.Buffers.Binary;

namespace Hush.Policy.Format;

/// <summary>Little-endian field access and the shared checks used by every section parser.</summary>
public static partial class ArtifactReader
{
    /// <summary>Longest piece of a rule id quoted in an error message; ids come from an untrusted file.</summary>
    private const int MaxQuotedLength = 64;

    private static ushort U16(ReadOnlySpan<byte> data, int offset) =>
        BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(offset, sizeof(ushort)));

    private static uint U32(ReadOnlySpan<byte> data, int offset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(offset, sizeof(uint)));

    private static int I32(ReadOnlySpan<byte> data, int offset) =>
        BinaryPrimitives.ReadInt32LittleEndian(data.Slice(offset, sizeof(int)));

    private static ulong U64(ReadOnlySpan<byte> data, int offset) =>
        BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(offset, sizeof(ulong)));

    private static double F64(ReadOnlySpan<byte> data, int offset) =>
        BinaryPrimitives.ReadDoubleLittleEndian(data.Slice(offset, sizeof(double)));

    private static int Align8(int value) => (value + 7) & ~7;

    private static ArtifactFormatException Fail(string detail, long offset) => new(detail, offset);

    private static void ExpectU32(ReadOnlySpan<byte> data, int offset, uint expected, string field)
    {
        var actual = U32(data, offset);
        if (actual != expected)
        {
            throw Fail($"{field} is {actual}, expected {expected}", offset);
        }
    }

    /// <summary>Rejects non-zero padding or reserved bytes, so that one model has exactly one encoding.</summary>
    private static void ExpectZeroes(ReadOnlySpan<byte> data, int from, int to, string what)
    {
        var index = data[from..to].IndexOfAnyExcept((byte)0);
        if (index >= 0)
        {
            throw Fail($"{what} must be zero, found 0x{data[from + index]:X2}", from + index);
        }
    }

    /// <summary>Quotes an untrusted string for a message: bounded length, control characters replaced.</summary>
    private static string Quote(string value)
    {
        var length = Math.Min(value.Length, MaxQuotedLength);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            var c = value[i];
            chars[i] = char.IsControl(c) || char.IsSurrogate(c) ? '?' : c;
        }

        var suffix = value.Length > MaxQuotedLength ? "…" : "";
        return $"'{new string(chars)}{suffix}'";
    }
}
