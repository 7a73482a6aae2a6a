using System.Buffers;

namespace Hush.Benchmarks.Sse;

/// <summary>Forwards to another writer and counts the bytes advanced.</summary>
internal sealed class CountingWriter(IBufferWriter<byte> inner) : IBufferWriter<byte>
{
    /// <summary>Bytes advanced.</summary>
    public long Written { get; private set; }

    /// <inheritdoc />
    public void Advance(int count)
    {
        inner.Advance(count);
        Written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);
}
