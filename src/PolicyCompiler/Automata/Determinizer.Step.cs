namespace Hush.PolicyCompiler.Automata;

/// <summary>Moving a closure over all byte classes at once, via precomputed class lists per transition.</summary>
internal sealed partial class Determinizer
{
    /// <summary>For every NFA state and transition, the byte classes the transition's range covers.</summary>
    private static int[][][] ClassesOfTransitions(Nfa nfa, ByteClasses classes)
    {
        var cache = new Dictionary<(byte, byte), int[]>();
        var result = new int[nfa.Count][][];
        var list = new List<int>();
        for (var s = 0; s < nfa.Count; s++)
        {
            var transitions = nfa.Transitions[s];
            result[s] = new int[transitions.Length][];
            for (var k = 0; k < transitions.Length; k++)
            {
                var t = transitions[k];
                if (!cache.TryGetValue((t.Lo, t.Hi), out var covered))
                {
                    // Classes refine every range, so a class is covered as soon as one member byte is.
                    list.Clear();
                    for (var c = 0; c < classes.Count; c++)
                    {
                        var rep = classes.Representatives[c];
                        if (t.Lo <= rep && rep <= t.Hi)
                        {
                            list.Add(c);
                        }
                    }

                    covered = [.. list];
                    cache.Add((t.Lo, t.Hi), covered);
                }

                result[s][k] = covered;
            }
        }

        return result;
    }

    /// <summary>
    /// Fills one bucket per class of look-ahead kind <paramref name="ahead"/> with the targets of the current
    /// closure's transitions (unsorted, possibly with duplicates).
    /// </summary>
    private void Gather(int ahead)
    {
        foreach (var c in _classesByAhead[ahead])
        {
            _bucketCounts[c] = 0;
        }

        for (var i = 0; i < _closureCount; i++)
        {
            var s = _closure[i];
            var transitions = _nfa.Transitions[s];
            var covered = _transitionClasses[s];
            for (var k = 0; k < transitions.Length; k++)
            {
                var target = transitions[k].Target;
                foreach (var c in covered[k])
                {
                    if (_classAhead[c] != ahead)
                    {
                        continue;
                    }

                    ref var bucket = ref _buckets[c];
                    ref var n = ref _bucketCounts[c];
                    if (n == bucket.Length)
                    {
                        Array.Resize(ref bucket, n * 2);
                    }

                    bucket[n++] = target;
                }
            }
        }
    }

    /// <summary>Sorts <paramref name="items"/> and copies the distinct values to the target buffer; returns their count.</summary>
    private int SortUnique(Span<int> items)
    {
        items.Sort();
        var count = 0;
        foreach (var x in items)
        {
            if (count == 0 || x != _targets[count - 1])
            {
                _targets[count++] = x;
            }
        }

        return count;
    }

    /// <summary>
    /// Same result as <see cref="SortUnique"/> through a bitset over NFA states: cheaper than sorting once the
    /// bucket is large compared to the NFA (set sizes of counted repetitions reach hundreds).
    /// </summary>
    private int BitsetUnique(Span<int> items)
    {
        var bits = _bits;
        foreach (var x in items)
        {
            bits[x >> 6] |= 1UL << (x & 63);
        }

        var count = 0;
        for (var w = 0; w < bits.Length; w++)
        {
            var word = bits[w];
            if (word == 0)
            {
                continue;
            }

            bits[w] = 0;
            while (word != 0)
            {
                _targets[count++] = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                word &= word - 1;
            }
        }

        return count;
    }
}
