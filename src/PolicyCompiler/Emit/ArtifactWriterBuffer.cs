using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Hush.PolicyCompiler.Emit;

/// <summary>A growable little-endian byte buffer with patching, used to lay out one artifact.</summary>
internal sealed class ArtifactWriterBuffer
{
    private byte[] _bytes;

    /// <summary>Creates a buffer with an initial capacity hint.</summary>
    public ArtifactWriterBuffer(int capacity) => _bytes = new byte[Math.Max(capacity, 256)];

    /// <summary>Number of bytes written so far; also the offset of the next write.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    /// <summary>Appends <paramref name="count"/> zero bytes and returns them for in-place filling.</summary>
    public Span<byte> Reserve(int count)
    {
        if (_bytes.Length - Length < count)
        {
            var capacity = Math.Max((long)_bytes.Length * 2, (long)Length + count);
            if (capacity > Array.MaxLength)
            {
                throw new InvalidOperationException("the artifact would exceed the largest possible array");
            }

            Array.Resize(ref _bytes, (int)capacity);
        }

        var span = _bytes.AsSpan(Length, count);
        span.Clear();
        Length += count;
        return span;
    }

    /// <summary>Appends a u16.</summary>
    public void U16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(sizeof(ushort)), value);

    /// <summary>Appends a u32.</summary>
    public void U32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(sizeof(uint)), value);

    /// <summary>Appends an i32.</summary>
    public void I32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(sizeof(int)), value);

    /// <summary>Appends raw bytes.</summary>
    public void Bytes(ReadOnlySpan<byte> value) => value.CopyTo(Reserve(value.Length));

    /// <summary>Appends an int32 table, a block copy on little-endian hosts.</summary>
    public void Int32Table(ReadOnlySpan<int> values)
    {
        var target = Reserve(values.Length * sizeof(int));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(target);
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(target.Slice(i * sizeof(int)), values[i]);
        }
    }

    /// <summary>Pads with zero bytes up to a multiple of <paramref name="alignment"/> (a power of two).</summary>
    public void Align(int alignment) => Reserve(((Length + alignment - 1) & ~(alignment - 1)) - Length);

    /// <summary>Overwrites bytes written earlier (the header, once the layout is known).</summary>
    public void Patch(int offset, ReadOnlySpan<byte> value) => value.CopyTo(_bytes.AsSpan(offset, Length - offset));

    /// <summary>Returns an exact-length copy of the bytes written.</summary>
    public byte[] ToArray() => Written.ToArray();
}
