using System.Buffers;

namespace Hush.Benchmarks.Infrastructure;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> that counts what is written into one reused scratch buffer, so benchmarks
/// measure the matcher and not the growth of an output buffer.
/// </summary>
internal sealed class CountingBufferWriter : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[256 * 1024];

    /// <summary>Bytes advanced since the last <see cref="Reset"/>.</summary>
    public long Written { get; private set; }

    /// <summary>Starts counting from zero.</summary>
    public void Reset() => Written = 0;

    /// <inheritdoc />
    public void Advance(int count) => Written += count;

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer;
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer;
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint > _buffer.Length)
        {
            _buffer = new byte[Math.Max(sizeHint, _buffer.Length * 2)];
        }
    }
}
