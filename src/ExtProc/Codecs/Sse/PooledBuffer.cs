using System.Buffers;

namespace Hush.ExtProc.Codecs.Sse;

/// <summary>A growable byte buffer on pooled arrays: the codec's input window and its scratch writers.</summary>
/// <remarks>Reused across chunks so steady-state processing rents nothing; a buffer that grew for one huge event
/// is swapped for a small one once it empties again.</remarks>
internal sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
{
    private const int ShrinkAbove = 64 * 1024;
    private readonly int _initialCapacity;
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates an empty buffer that first rents <paramref name="capacity"/> bytes.</summary>
    public PooledBuffer(int capacity)
    {
        _initialCapacity = capacity;
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    }

    /// <summary>Bytes written.</summary>
    public int Length => _length;

    /// <summary>The bytes written.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Forgets the content.</summary>
    public void Clear() => _length = 0;

    /// <summary>Appends <paramref name="data"/>.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        data.CopyTo(GetSpan(data.Length));
        _length += data.Length;
    }

    /// <summary>Appends one byte.</summary>
    public void Write(byte value)
    {
        GetSpan(1)[0] = value;
        _length++;
    }

    /// <summary>Drops the first <paramref name="count"/> bytes, moving the rest to the front.</summary>
    public void DiscardFront(int count)
    {
        if (count <= 0)
        {
            return;
        }

        var rest = _length - count;
        if (_buffer.Length > ShrinkAbove && rest < _buffer.Length / 8)
        {
            var smaller = ArrayPool<byte>.Shared.Rent(Math.Max(_initialCapacity, rest));
            _buffer.AsSpan(count, rest).CopyTo(smaller);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = smaller;
        }
        else
        {
            _buffer.AsSpan(count, rest).CopyTo(_buffer);
        }

        _length = rest;
    }

    /// <summary>Forgets the content and, when the buffer grew past 64 KiB, swaps it for one of the first size.</summary>
    public void Trim()
    {
        _length = 0;
        if (_buffer.Length > ShrinkAbove)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(_initialCapacity);
        }
    }

    /// <inheritdoc />
    public void Advance(int count) => _length += count;

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        _length = 0;
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer.Length - _length >= sizeHint)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + sizeHint));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }
}
