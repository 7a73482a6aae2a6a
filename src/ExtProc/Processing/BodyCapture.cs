using System.Buffers;

namespace Hush.ExtProc.Processing;

/// <summary>
/// A copy of the bytes one direction released (already masked), up to a cap: the audit record's masked body and,
/// on responses that may be held, the held answer. Bytes past the cap are counted, not kept.
/// </summary>
/// <remarks>
/// The storage is rented from the shared pool and grows by doubling up to the cap: every stream captures its
/// bodies, so growing fresh arrays (1 KiB to 64 KiB and the copies between) would be the largest garbage a stream
/// makes. <see cref="Dispose"/> returns it; the capture must not be read after that.
/// </remarks>
internal sealed class BodyCapture : IDisposable
{
    private const int InitialBytes = 1024;
    private byte[] _buffer = [];
    private int _count;

    /// <summary>Creates a capture keeping at most <paramref name="cap"/> bytes.</summary>
    public BodyCapture(int cap)
    {
        Cap = cap;
    }

    /// <summary>Most bytes kept.</summary>
    public int Cap { get; }

    /// <summary>Bytes offered in total (kept or not).</summary>
    public long Length { get; private set; }

    /// <summary>True when some bytes were not kept.</summary>
    public bool Truncated => Length > _count;

    /// <summary>The kept bytes.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _count);

    /// <summary>Keeps what fits of <paramref name="released"/>.</summary>
    public void Append(ReadOnlySpan<byte> released)
    {
        Length += released.Length;
        var room = Cap - _count;
        if (room <= 0 || released.IsEmpty)
        {
            return;
        }

        var take = released.Length <= room ? released : released[..room];
        if (_buffer.Length - _count < take.Length)
        {
            Grow(_count + take.Length);
        }

        take.CopyTo(_buffer.AsSpan(_count));
        _count += take.Length;
    }

    /// <summary>Returns the storage to the pool.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _count = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow(int needed)
    {
        var size = Math.Max(InitialBytes, _buffer.Length);
        while (size < needed)
        {
            size *= 2;
        }

        var next = ArrayPool<byte>.Shared.Rent(Math.Min(size, Math.Max(Cap, needed)));
        _buffer.AsSpan(0, _count).CopyTo(next);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
    }
}
