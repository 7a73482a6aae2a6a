using System.Buffers;
using System.Runtime.CompilerServices;
using X86 = System.Runtime.Intrinsics.X86;

namespace Hush.Policy.Matching;

/// <summary>
/// The masking state of one stream: feed chunks with <see cref="Write"/>, finish with <see cref="Complete"/>.
/// Output never depends on how the input is chunked. Not thread-safe.
/// </summary>
/// <remarks>
/// The stream keeps only a small tail buffer between calls: held bytes plus a little released look-behind
/// (see docs/architecture.md, "Streaming and the hold-back rule"). Each <see cref="Write"/> assembles tail and
/// chunk in a pooled work buffer, runs the prefilter, advances awake rules, confirms candidates, releases what is
/// safe and copies the new tail back. Per rule the stream keeps one position while the rule sleeps and a
/// <see cref="RuleScan"/> while it is awake.
/// </remarks>
public sealed partial class StreamingMatcher
{
    private const int InitialTailCapacity = 256;

    private readonly PolicyMatcher _matcher;
    private readonly MatcherRule[] _rules;
    private readonly long[] _scannedTo;

    // Per rule with an inner literal (PolicyMatcher.OriginIndex): where the stretch its scans cover without a gap
    // begins. Every match starting between it and the scan position has been found; a hit waking the rule earlier
    // than it came out of order and is scanned again.
    private readonly long[] _wakeOrigin;
    private readonly int[] _slotOf;
    private RuleScan[] _active;
    private int _activeCount;
    private PendingSpan[] _spans = new PendingSpan[4];
    private int _spanCount;
    private MatchEvent[] _events = new MatchEvent[4];
    private int _eventCount;

    private byte[] _tail = new byte[InitialTailCapacity];
    private long _tailStart;
    private long _end;
    private long _released;
    private bool _completing;
    private bool _completed;

    // Valid during one Write/Complete: the work buffer holds stream bytes [_workStart, _end).
    private byte[] _work = [];
    private long _workStart;

    internal StreamingMatcher(PolicyMatcher matcher)
    {
        _matcher = matcher;
        _rules = matcher.Rules;
        _scannedTo = new long[_rules.Length];
        _wakeOrigin = new long[matcher.NestedRuleCount];
        _slotOf = new int[_rules.Length];
        Array.Fill(_slotOf, -1);
        _active = new RuleScan[Math.Max(4, matcher.AlwaysOnRules.Length + 4)];
        foreach (var rule in matcher.AlwaysOnRules)
        {
            Wake(rule, 0, 0, previous: 0);
        }
    }

    /// <summary>Bytes received but not yet released.</summary>
    public int HeldBytes => (int)(_end - _released);

    /// <summary>Total bytes received.</summary>
    public long Position => _end;

    /// <summary>Confirmed masks and holds since the last <see cref="ClearEvents"/>, in confirmation order.</summary>
    public ReadOnlySpan<MatchEvent> Events => _events.AsSpan(0, _eventCount);

    /// <summary>Bytes this stream holds: tail buffer and per-rule state.</summary>
    public long MemoryBytes =>
        _tail.Length + (_scannedTo.Length + _wakeOrigin.Length) * sizeof(long) + _slotOf.Length * sizeof(int)
        + (long)_active.Length * Unsafe.SizeOf<RuleScan>() + (long)_spans.Length * Unsafe.SizeOf<PendingSpan>()
        + (long)_events.Length * Unsafe.SizeOf<MatchEvent>();

    /// <summary>Forgets the events reported so far.</summary>
    public void ClearEvents() => _eventCount = 0;

    /// <summary>Consumes <paramref name="chunk"/> and appends the bytes now safe to release, masks applied.</summary>
    public void Write(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ObjectDisposedException.ThrowIf(_completed, this);
        if (chunk.IsEmpty)
        {
            return;
        }

        var oldEnd = _end;
        BeginWork(chunk);
        try
        {
            RunPrefilter(oldEnd);
            if (_matcher.RunRules.Length > 0)
            {
                WakeOnRuns(oldEnd);
            }

            for (var slot = _activeCount - 1; slot >= 0; slot--)
            {
                AdvanceRule(slot, _end);
            }

            Release(output, final: false);
            Retain();
        }
        finally
        {
            EndWork();
        }
    }

    /// <summary>Ends the stream: resolves matches at the end of input and flushes every held byte.</summary>
    public void Complete(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ObjectDisposedException.ThrowIf(_completed, this);
        _completing = true;
        BeginWork([]);
        try
        {
            for (var slot = _activeCount - 1; slot >= 0; slot--)
            {
                FinishRule(slot);
            }

            Release(output, final: true);
        }
        finally
        {
            EndWork();
            _completed = true;
            _activeCount = 0;
            if (_tail.Length > InitialTailCapacity)
            {
                _tail = [];
            }
        }
    }

    /// <summary>
    /// Asks for the cache lines of the per-stream state a <see cref="Write"/> reads first (tail, awake rules, span and
    /// event lists), so that with many streams open their misses overlap with the caller's work instead of stalling
    /// the scan one by one. A hint only: nothing changes.
    /// </summary>
    public unsafe void Warm()
    {
        if (!X86.Sse.IsSupported)
        {
            return;
        }

        var tail = (int)Math.Min(_end - _tailStart, _tail.Length);
        for (var i = 0; i < tail; i += 64)
        {
            X86.Sse.Prefetch0(Unsafe.AsPointer(ref _tail[i]));
        }

        if (_activeCount > 0)
        {
            X86.Sse.Prefetch0(Unsafe.AsPointer(ref _active[0]));
        }

        X86.Sse.Prefetch0(Unsafe.AsPointer(ref _spans[0]));
        X86.Sse.Prefetch0(Unsafe.AsPointer(ref _events[0]));
    }

    /// <summary>
    /// Returns the stream to its state before the first <see cref="Write"/>, keeping its arrays, so one object masks
    /// many independent texts one after another without allocating. Events and recorded replacements are dropped;
    /// <see cref="RecordReplacements"/> is kept.
    /// </summary>
    public void Reset()
    {
        Array.Clear(_scannedTo);
        Array.Clear(_wakeOrigin);
        Array.Fill(_slotOf, -1);
        _activeCount = 0;
        _spanCount = 0;
        _eventCount = 0;
        _replacementCount = 0;
        _tailStart = 0;
        _end = 0;
        _released = 0;
        _completing = false;
        _completed = false;
        if (_tail.Length == 0)
        {
            _tail = new byte[InitialTailCapacity];
        }

        foreach (var rule in _matcher.AlwaysOnRules)
        {
            Wake(rule, 0, 0, previous: 0);
        }
    }

    private void BeginWork(ReadOnlySpan<byte> chunk)
    {
        var tailLength = (int)(_end - _tailStart);
        var work = ArrayPool<byte>.Shared.Rent(Math.Max(1, tailLength + chunk.Length));
        _tail.AsSpan(0, tailLength).CopyTo(work);
        chunk.CopyTo(work.AsSpan(tailLength));
        _work = work;
        _workStart = _tailStart;
        _end += chunk.Length;
    }

    private void EndWork()
    {
        ArrayPool<byte>.Shared.Return(_work);
        _work = [];
    }

    /// <summary>Keeps stream bytes from the earliest position anything may still need (held bytes and look-behind).</summary>
    private void Retain()
    {
        var keep = Math.Min(_released, _end);
        var prefilter = _matcher.Prefilter;
        if (prefilter is not null)
        {
            // The next prefilter pass rescans the last (longest literal - 1) bytes, and a hit there wakes a rule
            // up to MaxPrefix bytes earlier, which needs one byte of look-behind.
            keep = Math.Min(keep, _end - (prefilter.MaxLiteralLength - 1) - _matcher.MaxPrefix - 1);
        }

        if (_matcher.RunRules.Length > 0)
        {
            // The next write's first run window starts at most n - 1 bytes back and wakes its rule L - n before.
            keep = Math.Min(keep, _end - _matcher.RunReach);
        }

        for (var slot = 0; slot < _activeCount; slot++)
        {
            keep = Math.Min(keep, RetainFrom(ref _active[slot]));
        }

        keep = Math.Max(keep, _workStart);
        var length = (int)(_end - keep);
        if (_tail.Length < length)
        {
            _tail = new byte[Math.Max(length, _tail.Length * 2)];
        }

        _work.AsSpan((int)(keep - _workStart), length).CopyTo(_tail);
        _tailStart = keep;
    }

    /// <summary>The first byte a rule may still read: the look-behind byte of its current or next candidate window.</summary>
    private long RetainFrom(ref RuleScan st)
    {
        var rule = _rules[st.Rule];
        var e = st.Candidate >= 0 ? st.Candidate : st.Pos;
        return Math.Max(Math.Max(st.Origin, st.LastStart), e - rule.MaxMatchLength) - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Index(long position) => (int)(position - _workStart);
}
