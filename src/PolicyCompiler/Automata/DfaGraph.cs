using Hush.Policy.Automata;

namespace Hush.PolicyCompiler.Automata;

/// <summary>
/// A DFA under construction: plain state indices, rows of <see cref="Stride"/> = classes + 1 (end of input last).
/// State 0 is dead. Produced by <see cref="Determinizer"/>, reduced by <see cref="DfaMinimizer"/>, numbered by
/// <see cref="DfaAssembler"/>.
/// </summary>
internal sealed class DfaGraph
{
    /// <summary>Creates a graph.</summary>
    public DfaGraph(int stateCount, int stride, int[] next, StateFlags[] flags, int[] starts)
    {
        StateCount = stateCount;
        Stride = stride;
        Next = next;
        Flags = flags;
        Starts = starts;
    }

    /// <summary>Number of states, dead included.</summary>
    public int StateCount { get; }

    /// <summary>Row length: byte classes plus the end-of-input class.</summary>
    public int Stride { get; }

    /// <summary>Target state index of <c>state * Stride + class</c>.</summary>
    public int[] Next { get; }

    /// <summary>Flags by state.</summary>
    public StateFlags[] Flags { get; }

    /// <summary>Start state by <see cref="LookBehind"/> (four entries).</summary>
    public int[] Starts { get; }
}
