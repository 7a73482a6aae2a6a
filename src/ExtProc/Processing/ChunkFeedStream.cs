namespace Hush.ExtProc.Processing;

/// <summary>
/// A read-only stream that hands out the bytes of the chunk set by <see cref="Feed"/> and then reports end of
/// data (0) until the next chunk. The framework decompressors read from it; on a 0 they return what they could
/// decode and resume where they stopped when more input is fed, which turns them into push decoders.
/// </summary>
internal sealed class ChunkFeedStream : Stream
{
    private ReadOnlyMemory<byte> _pending;

    /// <summary>Makes <paramref name="chunk"/> the next input. The caller keeps it alive until it is consumed.</summary>
    public void Feed(ReadOnlyMemory<byte> chunk) => _pending = chunk;

    /// <summary>Input not yet consumed by the decoder.</summary>
    public int Remaining => _pending.Length;

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, _pending.Length);
        _pending.Span[..n].CopyTo(buffer);
        _pending = _pending[n..];
        return n;
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
