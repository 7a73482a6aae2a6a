namespace Hush.ExtProc.Codecs.Sse;

/// <summary>Limits of <see cref="SseBodyCodec"/>.</summary>
/// <remarks>
/// Both limits bound what one event can make the codec buffer; crossing either switches the rest of the stream to
/// raw-byte scanning (see docs/sse-masking.md), so the codec never buffers without bound and never passes bytes
/// unscanned.
/// </remarks>
internal sealed class SseCodecOptions
{
    /// <summary>Default longest SSE line (1 MiB).</summary>
    public const int DefaultMaxLineBytes = 1 << 20;

    /// <summary>The options every codec uses unless told otherwise.</summary>
    public static SseCodecOptions Default { get; } = new();

    /// <summary>Longest SSE line (without its line end) parsed as SSE; a longer one starts raw-byte scanning.</summary>
    public int MaxLineBytes { get; init; } = DefaultMaxLineBytes;

    /// <summary>Largest event (all its lines) parsed as SSE; a larger one starts raw-byte scanning.</summary>
    public int MaxEventBytes { get; init; } = 4 * DefaultMaxLineBytes;

    /// <summary>Most logical text streams per body; events opening more are scanned as raw data.</summary>
    public int MaxLogicalStreams { get; init; } = 256;
}
