namespace Hush.ExtProc.Codecs.Json;

/// <summary>Limits of the JSON body codec.</summary>
internal sealed record JsonCodecOptions
{
    /// <summary>The defaults: nesting depth 128.</summary>
    public static JsonCodecOptions Default { get; } = new();

    /// <summary>
    /// Deepest nesting of objects and arrays the tokenizer follows; a deeper document falls back to raw-byte scanning
    /// (the container stack is allocated once per codec, so the limit bounds memory per stream).
    /// </summary>
    public int MaxDepth { get; init; } = 128;
}
