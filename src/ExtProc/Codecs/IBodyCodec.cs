using System.Buffers;

namespace Hush.ExtProc.Codecs;

/// <summary>
/// Masks one direction of one stream's body as it arrives, understanding its framing (raw bytes, SSE events, JSON
/// strings). Output never depends on how the input is chunked; concatenated, it is the masked body. Not thread-safe.
/// </summary>
internal interface IBodyCodec : IDisposable
{
    /// <summary>
    /// Consumes <paramref name="chunk"/> and appends the bytes now safe to release to <paramref name="output"/>. With
    /// <paramref name="final"/> the body has ended: everything held is resolved and released.
    /// </summary>
    void Process(ReadOnlySpan<byte> chunk, bool final, IBufferWriter<byte> output);

    /// <summary>Input bytes received but not yet released (the hold-back the stream limit applies to).</summary>
    int HeldBytes { get; }

    /// <summary>Total input bytes consumed.</summary>
    long Position { get; }
}
