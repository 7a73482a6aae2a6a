using Hush.Policy.Automata;

namespace Hush.PolicyCompiler.Automata;

/// <summary>
/// Numbers a <see cref="DfaGraph"/> for the scan loop: dead = 0, then flagged states, then ordinary ones, each
/// group in breadth-first order from the start states (in <see cref="LookBehind"/> order) and classes in order,
/// so equal inputs give byte-identical tables. Ids are premultiplied by the power-of-two stride.
/// </summary>
internal static class DfaAssembler
{
    /// <summary>Builds the runtime <see cref="Dfa"/>.</summary>
    public static Dfa Assemble(DfaGraph graph, ByteClasses classes)
    {
        var stride = graph.Stride;
        var order = new List<int>(graph.StateCount);
        var seen = new bool[graph.StateCount];
        seen[0] = true;
        foreach (var s in graph.Starts)
        {
            if (!seen[s])
            {
                seen[s] = true;
                order.Add(s);
            }
        }

        for (var i = 0; i < order.Count; i++)
        {
            var row = order[i] * stride;
            for (var c = 0; c < stride; c++)
            {
                var t = graph.Next[row + c];
                if (!seen[t])
                {
                    seen[t] = true;
                    order.Add(t);
                }
            }
        }

        var newId = new int[graph.StateCount];
        var count = 1;
        foreach (var s in order)
        {
            if (graph.Flags[s] != StateFlags.None)
            {
                newId[s] = count++;
            }
        }

        var specialCount = count;
        foreach (var s in order)
        {
            if (graph.Flags[s] == StateFlags.None)
            {
                newId[s] = count++;
            }
        }

        var strideLog2 = 1;
        while ((1 << strideLog2) < stride)
        {
            strideLog2++;
        }

        var transitions = new int[count << strideLog2];
        var flags = new StateFlags[count];
        foreach (var s in order)
        {
            var id = newId[s];
            flags[id] = graph.Flags[s];
            for (var c = 0; c < stride; c++)
            {
                transitions[(id << strideLog2) + c] = newId[graph.Next[(s * stride) + c]] << strideLog2;
            }
        }

        var starts = new int[4];
        for (var k = 0; k < 4; k++)
        {
            starts[k] = newId[graph.Starts[k]] << strideLog2;
        }

        return new Dfa((byte[])classes.ClassOf.Clone(), classes.Count, strideLog2, transitions, flags,
            specialCount << strideLog2, starts);
    }
}
