using Hush.Policy.Automata;

namespace Hush.PolicyCompiler.Automata;

/// <summary>Computes the coarsest byte partition that respects every transition range and needed look-around.</summary>
internal static class ByteClassBuilder
{
    /// <summary>Refines one all-bytes class by each distinct byte range of <paramref name="nfa"/>.</summary>
    public static ByteClasses Build(Nfa nfa)
    {
        var classOf = new int[256];
        var count = 1;
        var seen = new HashSet<(byte, byte)>();
        var member = new bool[256];
        for (var s = 0; s < nfa.Count; s++)
        {
            foreach (var t in nfa.Transitions[s])
            {
                if (seen.Add((t.Lo, t.Hi)))
                {
                    Array.Clear(member);
                    member.AsSpan(t.Lo, t.Hi - t.Lo + 1).Fill(true);
                    count = Refine(classOf, count, member);
                }
            }
        }

        if (nfa.UsesWord)
        {
            for (var b = 0; b < 256; b++)
            {
                member[b] = LookBehindClassifier.IsWordByte((byte)b);
            }

            count = Refine(classOf, count, member);
        }

        if (nfa.UsesLineFeedAhead || nfa.UsesLineFeedBehind)
        {
            Array.Clear(member);
            member['\n'] = true;
            count = Refine(classOf, count, member);
        }

        // Renumber by first occurrence so the numbering only depends on the partition.
        var renumber = new int[count];
        Array.Fill(renumber, -1);
        var map = new byte[256];
        var reps = new List<byte>();
        for (var b = 0; b < 256; b++)
        {
            ref var id = ref renumber[classOf[b]];
            if (id < 0)
            {
                id = reps.Count;
                reps.Add((byte)b);
            }

            map[b] = (byte)id;
        }

        return new ByteClasses(map, reps.Count, [.. reps]);
    }

    /// <summary>Splits every class into its members inside and outside <paramref name="member"/>.</summary>
    private static int Refine(int[] classOf, int count, bool[] member)
    {
        Span<int> split = stackalloc int[2 * 256];
        split[..(2 * count)].Fill(-1);
        var next = 0;
        for (var b = 0; b < 256; b++)
        {
            ref var id = ref split[(classOf[b] * 2) + (member[b] ? 1 : 0)];
            if (id < 0)
            {
                id = next++;
            }

            classOf[b] = id;
        }

        return next;
    }
}
