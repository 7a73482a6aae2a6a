namespace Hush.Policy.Matching;

/// <content>Waking rules at literal hits, restarting their scans, and putting them back to sleep.</content>
public sealed partial class StreamingMatcher
{
    /// <summary>A literal of <paramref name="rule"/> starts at <paramref name="hit"/>: make sure the rule scans it.</summary>
    private void OnHit(int rule, long hit)
    {
        var wakeAt = Math.Max(0, hit - _rules[rule].MaxPrefix);
        var slot = _slotOf[rule];
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
        Wake(rule, position, hit + 1, position == 0 ? (byte)0 : _work[Index(position - 1)]);
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
