using Hush.Policy.Matching;

namespace Hush.ExtProc.Codecs.Sse;

/// <summary>
/// The SSE codec's scratch state, one set per thread: matcher output that is read and dropped, assembled event
/// data, rewritten events, masked strings and the JSON scanner. None of them holds anything a body needs between two
/// calls of <see cref="SseBodyCodec.Process"/>, so every body on a thread shares them.
/// </summary>
/// <remarks>
/// Why: with a thousand bodies open, per-body scratch arrays made each chunk touch a thousand different sets of
/// cache lines; one set per thread stays in the core's cache. A buffer that grew for one huge event is swapped back
/// for a small one after the call (<see cref="Trim"/>), so a thread does not keep megabytes for good.
/// </remarks>
internal sealed class SseScratch
{
    [ThreadStatic]
    private static SseScratch? t_current;

    // Spare event and slot lists kept per thread, and the largest list kept (slots are 32 bytes).
    private const int MaxSpareLists = 8;
    private const int MaxSpareSlots = 1024;

    private readonly Stack<(List<SseEvent> Events, List<SseSlot> Slots)> _spareLists = new();
    private StreamingMatcher? _alone;
    private PolicyMatcher? _alonePolicy;

    /// <summary>Matcher output of a logical stream's flush (only its replacements are kept).</summary>
    public PooledBuffer Output { get; } = new(1024);

    /// <summary>An event's data joined from several <c>data:</c> lines.</summary>
    public PooledBuffer Data { get; } = new(1024);

    /// <summary>A rewritten event's data.</summary>
    public PooledBuffer Rewrite { get; } = new(1024);

    /// <summary>One masked string or line.</summary>
    public PooledBuffer Masked { get; } = new(256);

    /// <summary>
    /// The JSON scanner: its reuse of the previous parse works across bodies too, since it needs only the same
    /// shape, which events of one provider share; its result never depends on what it scanned before.
    /// </summary>
    public SseJsonScanner Json { get; } = new();

    /// <summary>
    /// The thread's matcher for strings masked on their own, reset and ready for <paramref name="policy"/>: every
    /// body shares it, since a string is written and completed within one call. Kept for the last policy asked for, so
    /// after a reload a thread holds at most one older policy until its next SSE body.
    /// </summary>
    public StreamingMatcher Alone(PolicyMatcher policy)
    {
        if (_alone is null || !ReferenceEquals(_alonePolicy, policy))
        {
            _alone = policy.CreateStream();
            _alonePolicy = policy;
            return _alone;
        }

        _alone.Reset();
        return _alone;
    }

    /// <summary>
    /// Event and slot lists for a new body, from bodies disposed on this thread when there are some: a 4 KiB chunk of
    /// small events grows them to hundreds of entries, which each body otherwise allocated again, doubling by doubling.
    /// </summary>
    public (List<SseEvent> Events, List<SseSlot> Slots) RentLists() =>
        _spareLists.Count > 0 ? _spareLists.Pop() : (new List<SseEvent>(), new List<SseSlot>());

    /// <summary>Takes back a disposed body's lists (cleared, so they hold no stream); keeps a few of moderate size.</summary>
    public void ReturnLists(List<SseEvent> events, List<SseSlot> slots)
    {
        if (_spareLists.Count >= MaxSpareLists || slots.Capacity > MaxSpareSlots || events.Capacity > MaxSpareSlots)
        {
            return;
        }

        events.Clear();
        slots.Clear();
        _spareLists.Push((events, slots));
    }

    /// <summary>The calling thread's set.</summary>
    public static SseScratch Current => t_current ??= new SseScratch();

    /// <summary>Gives back what a huge event made the buffers grow to.</summary>
    public void Trim()
    {
        Output.Trim();
        Data.Trim();
        Rewrite.Trim();
        Masked.Trim();
        Json.Trim();
    }
}
