namespace Hush.ExtProc.Codecs.Sse;

/// <summary>
/// One piece of scanned text in an event: a JSON string value, the raw data, or a non-data line. It occupies
/// [<see cref="Start"/>, <see cref="End"/>) of its <see cref="Stream"/>, and owns replacements that start in
/// [<see cref="Start"/>, <see cref="OwnEnd"/>) (OwnEnd covers the LF after a separated raw event). A slot
/// scanned on its own (a fresh matcher) has no stream and carries its masked text in <see cref="Fresh"/>.
/// </summary>
/// <remarks>
/// Raw data is scanned twice (docs/sse-masking.md): on the joined raw stream (<see cref="Stream"/>, all raw events
/// concatenated, so a key split across events is found) and on the separated raw stream (<see cref="Stream2"/>, each
/// raw event followed by an LF, so a key alone in an event keeps its word boundaries). Its output masks the union.
/// </remarks>
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

    /// <summary>Raw data only: the separated raw stream that scanned the text a second time, else null.</summary>
    public LogicalStream? Stream2;

    /// <summary>First position of the text in <see cref="Stream2"/>.</summary>
    public long Start2;

    /// <summary>Position in <see cref="Stream2"/> after the text and its LF separator.</summary>
    public long OwnEnd2;
}
