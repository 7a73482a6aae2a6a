namespace Hush.Benchmarks.Sse;

/// <summary>What a run does with the body bytes.</summary>
internal enum SseMode
{
    /// <summary><c>SseBodyCodec</c>: event-aware masking.</summary>
    Sse,

    /// <summary><c>RawBodyCodec</c>: raw-byte masking of the same bytes.</summary>
    Raw,

    /// <summary>Copies the chunks to the output unchanged.</summary>
    PassThrough,
}
