using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hush.Policy.Automata;

namespace Hush.Policy.Matching;

public sealed partial class StreamingMatcher
{
    /// <summary>
    /// The scan loop of an always-on rule. It never sleeps, and it does not track secret-live runs byte by byte:
    /// an always-on automaton is in a start or secret-live state on nearly every byte of ordinary text (its secret
    /// usually starts the match), and the general flag handler cost ~3 ns per byte per rule. Instead it remembers
    /// q, the last start-state position, and uses it as the start of the secret-live run: every thread inside a
    /// secret began its match at or after q, so holding from q is safe (at most L bytes more than exact tracking).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ScanStop ScanAlwaysOn(ref RuleScan st, MatcherRule rule, long target)
    {
        ref var transitions = ref MemoryMarshal.GetArrayDataReference(rule.Transitions);
        ref var classes = ref MemoryMarshal.GetArrayDataReference(rule.ByteClasses);
        var attention = rule.Attention;
        var flagsByState = rule.Flags;
        var strideLog2 = rule.StrideLog2;
        var special = rule.SpecialLimit;
        var data = _work.AsSpan(0, Index(target));
        ref var bytes = ref MemoryMarshal.GetReference(data);
        var length = data.Length;
        var i = Index(st.Pos);
        var lastStart = -1;
        var s = st.State;
        while (i < length)
        {
            s = Unsafe.Add(ref transitions, s + Unsafe.Add(ref classes, Unsafe.Add(ref bytes, i)));
            i++;
            if (s >= special)
            {
                continue;
            }

            var index = s >> strideLog2;
            if (!attention[index])
            {
                if ((flagsByState[index] & StateFlags.Start) != 0)
                {
                    lastStart = i;
                }

                continue;
            }

            if (lastStart >= 0)
            {
                st.LastStart = _workStart + lastStart;
                lastStart = -1;
            }

            var position = _workStart + i;
            st.State = s;
            st.Pos = position;
            if (s == 0)
            {
                return ScanStop.Sleep;
            }

            // Accepting: the candidate's secret-live run starts no earlier than q.
            st.Candidate = position - 1;
            if ((flagsByState[index] & StateFlags.SecretLive) != 0)
            {
                st.SliveFrom = st.LastStart;
                st.LastSlive = position - 1;
            }

            return ScanStop.Candidate;
        }

        if (lastStart >= 0)
        {
            st.LastStart = _workStart + lastStart;
        }

        st.State = s;
        st.Pos = _workStart + i;
        if ((flagsByState[s >> strideLog2] & StateFlags.SecretLive) != 0)
        {
            st.SliveFrom = st.LastStart;
            st.LastSlive = st.Pos - 1;
        }

        return ScanStop.Reached;
    }
}
