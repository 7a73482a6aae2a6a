using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hush.Policy.Automata;
using Hush.Policy.Confirmation;
using Hush.Policy.Rules;

namespace Hush.Policy.Matching;

public sealed partial class StreamingMatcher
{
    /// <summary>Candidate positions the prefilter hands over per call.</summary>
    private const int CandidateBatch = 128;

    private enum ScanStop
    {
        Reached,
        Candidate,
        Sleep,
    }

    /// <summary>
    /// Finds literal occurrences that end after <paramref name="oldEnd"/> (earlier ones were reported by the
    /// previous call, so hits never depend on chunking) and wakes their rules in position order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunPrefilter(long oldEnd)
    {
        var prefilter = _matcher.Prefilter;
        if (prefilter is null)
        {
            return;
        }

        var from = Math.Max(_workStart, oldEnd - (prefilter.MaxLiteralLength - 1));
        var fromIndex = Index(from);
        var length = Index(_end) - fromIndex;
        if (length < prefilter.MinLiteralLength)
        {
            return;
        }

        var bytes = _work.AsSpan(fromIndex, length);
        Span<int> found = stackalloc int[CandidateBatch];
        var next = 0;
        while (next < bytes.Length)
        {
            var count = prefilter.FindCandidates(bytes, ref next, found);
            foreach (var i in found[..count])
            {
                var hit = from + i;
                prefilter.Candidates(bytes, i, out var twoByte, out var singleByte);
                var head = LiteralPrefilter.Head(bytes, i);
                foreach (var literalIndex in twoByte)
                {
                    WakeIfLiteral(prefilter, bytes, i, hit, oldEnd, literalIndex, head);
                }

                foreach (var literalIndex in singleByte)
                {
                    WakeIfLiteral(prefilter, bytes, i, hit, oldEnd, literalIndex, head);
                }
            }
        }
    }

    private void WakeIfLiteral(LiteralPrefilter prefilter, ReadOnlySpan<byte> bytes, int i, long hit, long oldEnd, int literalIndex, ulong head)
    {
        var length = prefilter.Literals[literalIndex].Length;
        if (i + length <= bytes.Length && hit + length > oldEnd && prefilter.StartsAt(bytes, i, literalIndex, head))
        {
            foreach (var rule in prefilter.RulesOfLiteral[literalIndex])
            {
                OnHit(rule, hit);
            }
        }
    }

    /// <summary>
    /// Scans the rule in <paramref name="slot"/> up to <paramref name="target"/>, confirming candidates whose
    /// window is complete. Returns false when the rule went to sleep (its slot is then reused).
    /// </summary>
    private bool AdvanceRule(int slot, long target)
    {
        while (true)
        {
            ref var st = ref _active[slot];
            var rule = _rules[st.Rule];
            if (st.Candidate >= 0)
            {
                var windowEnd = st.Candidate + rule.MaxMatchLength + 1;
                if (!_completing && _end < windowEnd)
                {
                    if (!SettlePending(ref st, rule))
                    {
                        return true;
                    }

                    windowEnd = st.Pos;
                }

                ConfirmCandidate(ref st, rule, Math.Min(windowEnd, _end));
                continue;
            }

            if (st.Pos >= target)
            {
                return true;
            }

            // Every match holds a literal and is at most L long, so once the scan is L bytes past the last hit
            // with no candidate, nothing found from here on could be a match: the rule sleeps even if its
            // automaton is not back in a start state (relaxed automata with unbounded loops rarely are).
            var limit = target;
            var sleepAt = rule.AlwaysOn ? long.MaxValue : st.StayAwakeUntil + rule.MaxMatchLength;
            if (sleepAt < limit)
            {
                limit = Math.Max(sleepAt, st.Pos);
            }

            var stop = Scan(ref st, rule, limit);
            if (stop == ScanStop.Sleep)
            {
                Sleep(slot);
                return false;
            }

            if (stop == ScanStop.Reached && st.Pos >= sleepAt)
            {
                ForceSleep(slot);
                return false;
            }
        }
    }

    /// <summary>Resolves matches ending at the end of the stream, then confirms what is pending.</summary>
    private void FinishRule(int slot)
    {
        while (AdvanceRule(slot, _end))
        {
            ref var st = ref _active[slot];
            var rule = _rules[st.Rule];
            var s = rule.Transitions[st.State + rule.EndOfInputClass];
            if (s == 0 || (rule.Flags[s >> rule.StrideLog2] & StateFlags.Accepting) == 0)
            {
                return;
            }

            st.Candidate = _end;
            ConfirmCandidate(ref st, rule, _end);
            if (st.Pos >= _end)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Feeds the automaton past a pending candidate until every thread has ended (a start or dead state), which
    /// proves that no match starting by the candidate extends further: the candidate can then be confirmed on a
    /// window ending here instead of waiting for <c>MaxMatchLength</c> more bytes. Returns whether that happened.
    /// </summary>
    /// <remarks>
    /// The state after byte <c>p − 1</c> is a start or dead state only when no thread consumed that byte, so every
    /// match ends at or before <c>p − 1</c>; the window keeps byte <c>p − 1</c> as the look-ahead of assertions.
    /// Relaxed automata are supersets, so their threads outlive the exact ones and the proof still holds.
    /// </remarks>
    private bool SettlePending(ref RuleScan st, MatcherRule rule)
    {
        var transitions = rule.Transitions;
        var classes = rule.ByteClasses;
        var flags = rule.Flags;
        var stride = rule.StrideLog2;
        var special = rule.SpecialLimit;
        var s = st.State;
        var i = Index(st.Pos);
        var length = Index(_end);
        var data = _work;
        while (i < length)
        {
            s = transitions[s + classes[data[i]]];
            i++;
            if (s < special && (s == 0 || (flags[s >> stride] & StateFlags.Start) != 0))
            {
                st.State = s;
                st.Pos = _workStart + i;
                return true;
            }
        }

        st.State = s;
        st.Pos = _workStart + i;
        return false;
    }

    /// <summary>The inner loop: one table lookup and one compare per byte; flagged states leave the fast path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ScanStop Scan(ref RuleScan st, MatcherRule rule, long target)
    {
        if (rule.AlwaysOn)
        {
            return ScanAlwaysOn(ref st, rule, target);
        }

        // Bounds-check-free walk: ids come from a validated table (every target is a row start), classes are
        // below the stride, and i stays below data.Length.
        ref var transitions = ref MemoryMarshal.GetArrayDataReference(rule.Transitions);
        ref var classes = ref MemoryMarshal.GetArrayDataReference(rule.ByteClasses);
        var special = rule.SpecialLimit;
        var data = _work.AsSpan(0, Index(target));
        ref var bytes = ref MemoryMarshal.GetReference(data);
        var length = data.Length;
        var i = Index(st.Pos);
        var s = st.State;
        while (i < length)
        {
            s = Unsafe.Add(ref transitions, s + Unsafe.Add(ref classes, Unsafe.Add(ref bytes, i)));
            i++;
            if (s >= special)
            {
                continue;
            }

            var position = _workStart + i;
            if (s == 0)
            {
                // Dead: an anchored pattern that can no longer match; a later literal hit starts afresh.
                st.State = s;
                st.Pos = position;
                return ScanStop.Sleep;
            }

            var flags = rule.Flags[s >> rule.StrideLog2];
            if ((flags & StateFlags.SecretLive) != 0)
            {
                if (st.LastSlive != position - 2)
                {
                    st.SliveFrom = position - 1;
                }

                st.LastSlive = position - 1;
            }

            if ((flags & StateFlags.Accepting) != 0)
            {
                st.State = s;
                st.Pos = position;
                st.Candidate = position - 1;
                return ScanStop.Candidate;
            }

            if ((flags & StateFlags.Start) != 0)
            {
                if (!rule.AlwaysOn && position >= st.StayAwakeUntil)
                {
                    st.State = s;
                    st.Pos = position;
                    st.LastStart = position;
                    return ScanStop.Sleep;
                }

                var loops = rule.SkipLoops[s >> rule.StrideLog2];
                if (loops is not null && i + 1 < length && loops[data[i]] && loops[data[i + 1]])
                {
                    var k = data[(i + 2)..].IndexOfAnyExcept(rule.SkipSets[s >> rule.StrideLog2]!);
                    i = k < 0 ? length : i + 2 + k;
                }

                st.LastStart = _workStart + i;
                if (!rule.AlwaysOn && st.LastStart >= st.StayAwakeUntil)
                {
                    st.State = s;
                    st.Pos = st.LastStart;
                    return ScanStop.Sleep;
                }
            }
        }

        st.State = s;
        st.Pos = _workStart + i;
        return ScanStop.Reached;
    }
}
