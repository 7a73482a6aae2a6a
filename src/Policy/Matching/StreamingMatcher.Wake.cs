using Hush.Policy.Automata;

namespace Hush.Policy.Matching;

/// <content>Waking rules at literal hits, restarting their scans, and putting them back to sleep.</content>
public sealed partial class StreamingMatcher
{
    /// <summary>A literal of <paramref name="rule"/> starts at <paramref name="hit"/>: make sure the rule scans it.</summary>
    private void OnHit(int rule, long hit)
    {
        var wakeAt = Math.Max(0, hit - _rules[rule].MaxPrefix);
        var slot = _slotOf[rule];
        var originIndex = _matcher.OriginIndex[rule];
        if (originIndex >= 0 && _wakeOrigin[originIndex] > wakeAt && (slot >= 0 || _scannedTo[rule] > wakeAt))
        {
            // An outer literal that starts before the inner one whose hit woke the rule has only now ended: scan
            // again from where it lets a match start, as one pass over the whole input would have.
            RescanFrom(rule, slot, wakeAt, hit);
            return;
        }

        if (slot >= 0)
        {
            // Advance first: the rule may fall asleep before this hit's wake position.
            if (_active[slot].Pos < wakeAt && !AdvanceRule(slot, wakeAt))
            {
                slot = -1;
            }
            else
            {
                ref var st = ref _active[slot];
                st.StayAwakeUntil = Math.Max(st.StayAwakeUntil, hit + 1);
                return;
            }
        }

        // A sleeping rule already scanned past the hit has reported every match containing it.
        var scannedTo = _scannedTo[rule];
        if (scannedTo > hit)
        {
            return;
        }

        var position = Math.Max(wakeAt, scannedTo);
        var previous = position == 0 ? (byte)0 : _work[Index(position - 1)];
        if (originIndex >= 0 && position > scannedTo)
        {
            // A gap after the last scan: the covered stretch now begins here.
            _wakeOrigin[originIndex] = position;
        }

        if (TrySettleHit(rule, position, hit + 1, previous))
        {
            return;
        }

        Wake(rule, position, hit + 1, previous);
    }

    /// <summary>Restarts (or wakes) <paramref name="rule"/> at <paramref name="wakeAt"/>, before where its last wake began.</summary>
    private void RescanFrom(int rule, int slot, long wakeAt, long hit)
    {
        var previous = wakeAt == 0 ? (byte)0 : _work[Index(wakeAt - 1)];
        _wakeOrigin[_matcher.OriginIndex[rule]] = wakeAt;
        if (slot < 0)
        {
            Wake(rule, wakeAt, hit + 1, previous);
            return;
        }

        ref var st = ref _active[slot];
        st.StayAwakeUntil = Math.Max(st.StayAwakeUntil, hit + 1);
        Restart(ref st, wakeAt, previous);
    }

    /// <summary>
    /// Most bytes <see cref="TrySettleHit"/> steps before it gives up: keyword hits ("token" in "max_tokens", the
    /// "://" of an ordinary URL) are over within a few dozen.
    /// </summary>
    private const int SettleReach = 64;

    /// <summary>
    /// Runs a sleeping rule's automaton from <paramref name="position"/> straight away, without taking a slot, and
    /// returns true if it fell asleep exactly as <see cref="Scan"/> would (a start state at or after
    /// <paramref name="stayAwakeUntil"/>, or the dead state) before any flagged state: the rule then records how far
    /// it scanned and stays asleep. Anything else (a candidate, a secret-live state, the end of the bytes at hand,
    /// <see cref="SettleReach"/> bytes) returns false with nothing changed, and the caller wakes the rule as usual.
    /// </summary>
    /// <remarks>
    /// Most literal hits of keyword rules end this way, and waking, scanning and putting a rule back to sleep
    /// through its slot cost several times the handful of table steps.
    /// </remarks>
    private bool TrySettleHit(int ruleIndex, long position, long stayAwakeUntil, byte previous)
    {
        var rule = _rules[ruleIndex];
        if (rule.LookBack > 0)
        {
            return false;
        }

        var transitions = rule.Transitions;
        var classes = rule.ByteClasses;
        var flags = rule.Flags;
        var stride = rule.StrideLog2;
        var special = rule.SpecialLimit;
        var data = _work;
        var i = Index(position);
        var end = Math.Min(Index(_end), i + SettleReach);
        var s = rule.StartStateAt(position, previous);
        while (i < end)
        {
            s = transitions[s + classes[data[i]]];
            i++;
            if (s >= special)
            {
                continue;
            }

            var at = _workStart + i;
            if (s == 0)
            {
                _scannedTo[ruleIndex] = at;
                return true;
            }

            var f = flags[s >> stride];
            if ((f & (StateFlags.Accepting | StateFlags.SecretLive)) != 0)
            {
                return false;
            }

            if ((f & StateFlags.Start) != 0 && at >= stayAwakeUntil)
            {
                _scannedTo[ruleIndex] = at;
                return true;
            }
        }

        return false;
    }

    private void Wake(int rule, long position, long stayAwakeUntil, byte previous)
    {
        if (_activeCount == _active.Length)
        {
            Array.Resize(ref _active, _active.Length * 2);
        }

        var slot = _activeCount++;
        _slotOf[rule] = slot;
        _active[slot] = new RuleScan
        {
            Rule = rule,
            StayAwakeUntil = stayAwakeUntil,
        };
        Restart(ref _active[slot], position, previous);
    }

    private void Restart(ref RuleScan st, long position, byte previous)
    {
        st.State = _rules[st.Rule].StartStateAt(position, previous);
        st.Pos = position;
        st.Origin = position;
        st.LastStart = position;
        st.SliveFrom = -1;
        st.LastSlive = -2;
        st.Candidate = -1;
    }

    /// <summary>
    /// Puts a rule to sleep mid-automaton. Its state is dropped, so a later hit must rescan from where no
    /// unreported match can start: the scan origin (nothing was found between it and here).
    /// </summary>
    private void ForceSleep(int slot)
    {
        var rule = _active[slot].Rule;
        var origin = _active[slot].Origin;
        Sleep(slot);
        _scannedTo[rule] = origin;
    }

    private void Sleep(int slot)
    {
        ref var st = ref _active[slot];
        _scannedTo[st.Rule] = st.Pos;
        _slotOf[st.Rule] = -1;
        var last = --_activeCount;
        if (slot != last)
        {
            _active[slot] = _active[last];
            _slotOf[_active[slot].Rule] = slot;
        }
    }
}
