namespace Hush.ExtProc.Codecs.Json;

/// <summary>A growable byte buffer consumed from the front; reused across strings so steady state allocates nothing.</summary>
internal sealed class ByteQueue
{
    private byte[] _buffer = new byte[256];
    private int _start;

    /// <summary>Bytes in the queue.</summary>
    public int Count { get; private set; }

    /// <summary>The queued bytes (valid until the next change).</summary>
    public Span<byte> Span => _buffer.AsSpan(_start, Count);

    /// <summary>Appends one byte.</summary>
    public void Append(byte value)
    {
        Reserve(1);
        _buffer[_start + Count] = value;
        Count++;
    }

    /// <summary>Appends <paramref name="data"/>.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        Reserve(data.Length);
        data.CopyTo(_buffer.AsSpan(_start + Count));
        Count += data.Length;
    }

    /// <summary>Drops the first <paramref name="count"/> bytes.</summary>
    public void Discard(int count)
    {
        _start += count;
        Count -= count;
        if (Count == 0)
        {
            _start = 0;
        }
    }

    /// <summary>Empties the queue.</summary>
    public void Clear()
    {
        _start = 0;
        Count = 0;
    }

    private void Reserve(int extra)
    {
        if (_start + Count + extra <= _buffer.Length)
        {
            return;
        }

        var needed = Count + extra;
        if (needed <= _buffer.Length / 2)
        {
            // Plenty of room once the consumed front is reclaimed.
            _buffer.AsSpan(_start, Count).CopyTo(_buffer);
        }
        else
        {
            var grown = new byte[Math.Max(needed, _buffer.Length * 2)];
            _buffer.AsSpan(_start, Count).CopyTo(grown);
            _buffer = grown;
        }

        _start = 0;
    }
}
