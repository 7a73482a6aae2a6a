namespace Hush.ExtProc.Codecs.Sse;

/// <summary>
/// One piece of scanned text in an event: a JSON string value, the raw data, or a non-data line. It occupies
/// [<see cref="Start"/>, <see cref="End"/>) of its <see cref="Stream"/>, and owns replacements that start in
/// [<see cref="Start"/>, <see cref="OwnEnd"/>) (OwnEnd covers the separator after an aux string). A slot
/// scanned on its own (a fresh matcher) has no stream and carries its masked text in <see cref="Fresh"/>.
/// </summary>
internal struct SseSlot
{
    /// <summary>The logical stream that scanned the text, or null for a fresh scan.</summary>
    public LogicalStream? Stream;

    /// <summary>First stream position of the text.</summary>
    public long Start;

    /// <summary>Stream position after the text.</summary>
    public long End;

    /// <summary>Stream position after the text and its separator.</summary>
    public long OwnEnd;

    /// <summary>Masked text of a fresh scan when it differs from the input; null when unchanged.</summary>
    public byte[]? Fresh;
}
