using System.Runtime.CompilerServices;

namespace Hush.Policy.Matching;

/// <content>Waking rules without literals on runs of bytes every match of theirs contains.</content>
public sealed partial class StreamingMatcher
{
    /// <summary>
    /// For each run-woken rule (<see cref="MatcherRule.Run"/>: every match contains n consecutive bytes of a set),
    /// reports as hits the start positions q of the windows <c>[q, q + n)</c> made of set bytes that end after
    /// <paramref name="oldEnd"/>, in position order: a match containing such a window starts at or after
    /// <c>q − (L − n)</c>, which is the rule's wake distance. Then it wakes the rule once more through the window
    /// starts that later input could still complete, so the bytes before them that a future match could cover are
    /// scanned and, if they may be secret, held.
    /// </summary>
    /// <remarks>
    /// The search probes the last byte of the window at i: when it is not in the set no window starting in
    /// <c>[i, i + n)</c> can be all set bytes, so i jumps by n; otherwise it walks back to the nearest byte outside
    /// the set. On ordinary text that reads about two bytes per n.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WakeOnRuns(long oldEnd)
    {
        var data = _work;
        var end = Index(_end);
        foreach (var index in _matcher.RunRules)
        {
            var run = _rules[index].Run!;
            var n = run.Length;
            var set = run.Set;
            var i = Index(Math.Max(_workStart, oldEnd - n + 1));
            while (i + n <= end)
            {
                var probe = i + n - 1;
                if (!set[data[probe]])
                {
                    i = probe + 1;
                    continue;
                }

                var j = probe - 1;
                while (j >= i && set[data[j]])
                {
                    j--;
                }

                if (j >= i)
                {
                    i = j + 1;
                    continue;
                }

                var k = i + n;
                while (k < end && set[data[k]])
                {
                    k++;
                }

                OnHitRange(index, _workStart + i, _workStart + k - n);
                i = k + 1;
            }

            // Windows that later input could still complete start at any of the trailing set bytes (fewer than
            // n), or at the end itself: the rule stays awake through all of them, so it scans to the end and holds
            // what a match around such a window could cover. Waking it at the first alone let it fall asleep at
            // the next start state and release the bytes after it unscanned (a fuzz finding).
            var t = end;
            var stop = Math.Max(end - (n - 1), 0);
            while (t > stop && set[data[t - 1]])
            {
                t--;
            }

            OnHitRange(index, _workStart + t, _workStart + Math.Max(t, end - 1));
        }
    }

    /// <summary>
    /// Hits of <paramref name="rule"/> at every position in <c>[first, last]</c>: the same as calling
    /// <see cref="OnHit"/> for each, in order, but the rule simply stays awake through <paramref name="last"/>.
    /// </summary>
    private void OnHitRange(int rule, long first, long last)
    {
        while (true)
        {
            OnHit(rule, first);
            var slot = _slotOf[rule];
            if (slot >= 0)
            {
                ref var st = ref _active[slot];
                st.StayAwakeUntil = Math.Max(st.StayAwakeUntil, last + 1);
                return;
            }

            // Still asleep: it had scanned past `first`, which covers every hit before where it stopped.
            var scannedTo = _scannedTo[rule];
            if (scannedTo > last)
            {
                return;
            }

            first = Math.Max(first + 1, scannedTo);
        }
    }
}
