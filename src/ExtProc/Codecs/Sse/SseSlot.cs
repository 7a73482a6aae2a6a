namespace Hush.ExtProc.Codecs.Sse;

/// <summary>
/// One piece of scanned text in an event: a JSON string value, the raw data, or a non-data line. A slot on a logical
/// stream occupies [<see cref="Start"/>, <see cref="End"/>) of its <see cref="Stream"/> and owns the replacements that
/// start there. A slot masked on its own has no stream and carries its masked text in <see cref="Fresh"/> (null when
/// masking left it unchanged).
/// </summary>
/// <remarks>
/// <para>Raw data is scanned twice (docs/sse-masking.md): on the joined raw stream (<see cref="Stream"/>, all raw
/// events concatenated, so a key split across events is found) and on the codec's separated raw stream (each raw
/// event followed by an LF, so a key alone in an event keeps its word boundaries), where the text sits at
/// [<see cref="Start2"/>, <see cref="End2"/>), its LF included. Its output masks the union.</para>
/// <para>Why one reference and 32 bytes: a body queues a slot per string of every event (four or more for a small
/// Anthropic or Responses delta), so the slot list is written, scanned and cleared on every chunk. The stream and the
/// masked text never occur together and the separated stream is always the codec's one, so a single reference holds
/// either, and copying a slot into the list costs one GC write barrier instead of three.</para>
/// </remarks>
internal readonly struct SseSlot
{
    private readonly object? _target;

    private SseSlot(object? target, long start, long end, long start2)
    {
        _target = target;
        Start = start;
        End = end;
        Start2 = start2;
    }

    /// <summary>First stream position of the text.</summary>
    public long Start { get; }

    /// <summary>Stream position after the text.</summary>
    public long End { get; }

    /// <summary>Raw data only: first position of the text in the separated raw stream; -1 for other slots.</summary>
    public long Start2 { get; }

    /// <summary>Raw data only: position in the separated raw stream after the text and its LF separator.</summary>
    public long End2 => Start2 + (End - Start) + 1;

    /// <summary>The logical stream that scanned the text, or null for a slot masked on its own.</summary>
    public LogicalStream? Stream => _target as LogicalStream;

    /// <summary>Masked text of a slot masked on its own when it differs from the input; null when unchanged.</summary>
    public byte[]? Fresh => _target as byte[];

    /// <summary>Raw data, scanned on the separated raw stream too.</summary>
    public bool IsRaw => Start2 >= 0;

    /// <summary>A slot masked on its own; <paramref name="masked"/> is null when masking changed nothing.</summary>
    public static SseSlot Own(byte[]? masked) => new(masked, 0, 0, -1);

    /// <summary>Text at [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="stream"/>.</summary>
    public static SseSlot OnStream(LogicalStream stream, long start, long end) => new(stream, start, end, -1);

    /// <summary>Raw data at [<paramref name="start"/>, <paramref name="end"/>) of the joined raw stream and from <paramref name="start2"/> on the separated one.</summary>
    public static SseSlot Raw(LogicalStream joined, long start, long end, long start2) => new(joined, start, end, start2);
}
