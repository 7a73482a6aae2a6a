using Hush.Policy.Automata;

namespace Hush.PolicyCompiler.Automata;

/// <summary>
/// Moore partition refinement. The initial partition separates the dead state and states with different
/// flags, so the minimal automaton keeps every flag exact; start states are mapped through the partition.
/// </summary>
internal static class DfaMinimizer
{
    /// <summary>Returns the minimal equivalent of <paramref name="dfa"/> (state 0 stays dead).</summary>
    public static DfaGraph Minimize(DfaGraph dfa)
    {
        var n = dfa.StateCount;
        var stride = dfa.Stride;
        var block = new int[n];
        var blockCount = InitialPartition(dfa, block);
        var signatures = new Dictionary<int[], int>(IntArrayComparer.Instance);
        var newBlock = new int[n];
        while (true)
        {
            signatures.Clear();
            for (var s = 0; s < n; s++)
            {
                var sig = new int[stride + 1];
                sig[0] = block[s];
                for (var c = 0; c < stride; c++)
                {
                    sig[c + 1] = block[dfa.Next[(s * stride) + c]];
                }

                if (!signatures.TryGetValue(sig, out var id))
                {
                    id = signatures.Count;
                    signatures.Add(sig, id);
                }

                newBlock[s] = id;
            }

            var newCount = signatures.Count;
            (block, newBlock) = (newBlock, block);
            if (newCount == blockCount)
            {
                break;
            }

            blockCount = newCount;
        }

        // Block of the dead state becomes 0; the rest keep their first-occurrence order.
        var remap = new int[blockCount];
        Array.Fill(remap, -1);
        remap[block[0]] = 0;
        var count = 1;
        for (var s = 0; s < n; s++)
        {
            if (remap[block[s]] < 0)
            {
                remap[block[s]] = count++;
            }
        }

        var next = new int[count * stride];
        var flags = new StateFlags[count];
        for (var s = 0; s < n; s++)
        {
            var b = remap[block[s]];
            flags[b] = dfa.Flags[s];
            for (var c = 0; c < stride; c++)
            {
                next[(b * stride) + c] = remap[block[dfa.Next[(s * stride) + c]]];
            }
        }

        var starts = new int[dfa.Starts.Length];
        for (var k = 0; k < starts.Length; k++)
        {
            starts[k] = remap[block[dfa.Starts[k]]];
        }

        return new DfaGraph(count, stride, next, flags, starts);
    }

    private static int InitialPartition(DfaGraph dfa, int[] block)
    {
        // Key: flags + 1, with 0 reserved for the dead state.
        var ids = new Dictionary<int, int>();
        for (var s = 0; s < dfa.StateCount; s++)
        {
            var key = s == 0 ? 0 : (int)dfa.Flags[s] + 1;
            if (!ids.TryGetValue(key, out var id))
            {
                id = ids.Count;
                ids.Add(key, id);
            }

            block[s] = id;
        }

        return ids.Count;
    }
}
