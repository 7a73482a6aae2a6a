namespace Hush.ExtProc.Codecs.Sse;

/// <summary>What an event's data was scanned as.</summary>
internal enum SseDataKind : byte
{
    /// <summary>No data lines, or <c>[DONE]</c>: nothing in the data to scan.</summary>
    None,

    /// <summary>A JSON object of a known provider schema: string values are slots.</summary>
    Json,

    /// <summary>Anything else: the whole data is one slot of the raw stream.</summary>
    Raw,
}

/// <summary>
/// A complete SSE event waiting to be released: its input bytes [<see cref="RawStart"/>, <see cref="RawEnd"/>)
/// and its slots (non-data lines first, in line order, then the data's).
/// </summary>
internal struct SseEvent
{
    /// <summary>Input position of the event's first byte.</summary>
    public long RawStart;

    /// <summary>Input position after the event's blank line.</summary>
    public long RawEnd;

    /// <summary>Index of the first slot in the codec's slot list.</summary>
    public int SlotStart;

    /// <summary>Number of slots.</summary>
    public int SlotCount;

    /// <summary>Number of leading slots that are non-data lines.</summary>
    public int LineSlots;

    /// <summary>
    /// The first byte is the line feed of a CR LF whose CR ended the previous event (the codec ends an event at the
    /// CR so it does not wait for the next chunk).
    /// </summary>
    public bool LeadingLf;

    /// <summary>How the data was scanned.</summary>
    public SseDataKind Data;
}
