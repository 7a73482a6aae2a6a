using System.Buffers;

namespace Hush.Policy.Tests.Matching;

/// <summary>An <see cref="IBufferWriter{T}"/> over one fixed array, reset by the test: allocation-free after creation.</summary>
internal sealed class ReusableBufferWriter(int capacity) : IBufferWriter<byte>
{
    private readonly byte[] _buffer = new byte[capacity];

    public int Written { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Written);

    public void Reset() => Written = 0;

    public void Advance(int count) => Written += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(Written);

    public Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(Written);
}
