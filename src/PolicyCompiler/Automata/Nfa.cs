using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Automata;

/// <summary>
/// A Thompson NFA over bytes for <c>(?s:.)*?R</c>, in flat arrays indexed by state. Built by
/// <see cref="NfaBuilder"/>; read by <see cref="ByteClassBuilder"/> and <see cref="Determinizer"/>.
/// </summary>
internal sealed class Nfa
{
    /// <summary>Creates the NFA from the builder's arrays (all of length <paramref name="count"/>).</summary>
    public Nfa(int count, NfaStateKind[] kinds, int[] next1, int[] next2, AssertionKind[] looks,
        NfaTransition[][] transitions, int start, bool[] live)
    {
        Count = count;
        Kinds = kinds;
        Next1 = next1;
        Next2 = next2;
        Looks = looks;
        Transitions = transitions;
        Start = start;
        Live = live;
        NeedsLookBehind = new bool[count];
        for (var s = 0; s < count; s++)
        {
            if (kinds[s] != NfaStateKind.Look)
            {
                continue;
            }

            switch (looks[s])
            {
                case AssertionKind.TextStart:
                    UsesTextStart = true;
                    break;
                case AssertionKind.LineStart:
                    UsesTextStart = true;
                    UsesLineFeedBehind = true;
                    break;
                case AssertionKind.TextEnd:
                    break;
                case AssertionKind.LineEnd:
                    UsesLineFeedAhead = true;
                    break;
                default:
                    UsesWord = true;
                    break;
            }
        }

        MarkLookBehindReach();
    }

    /// <summary>Number of states.</summary>
    public int Count { get; }

    /// <summary>Kind by state.</summary>
    public NfaStateKind[] Kinds { get; }

    /// <summary>First epsilon target (Split, Look), or -1.</summary>
    public int[] Next1 { get; }

    /// <summary>Second epsilon target (Split), or -1.</summary>
    public int[] Next2 { get; }

    /// <summary>The assertion of a Look state.</summary>
    public AssertionKind[] Looks { get; }

    /// <summary>Byte transitions of a Bytes state (empty for the others).</summary>
    public NfaTransition[][] Transitions { get; }

    /// <summary>The unanchored start: a split into the pattern and the any-byte loop back to itself.</summary>
    public int Start { get; }

    /// <summary>
    /// States reachable from the secret group's start, the match state included (a finished match stays live
    /// until its delayed acceptance is seen). Static reachability over-approximates: a state shared by a path
    /// that bypasses the group (or a loop around it) counts as live.
    /// </summary>
    public bool[] Live { get; }

    /// <summary>States whose epsilon closure can meet an assertion that depends on the previous byte.</summary>
    public bool[] NeedsLookBehind { get; }

    /// <summary>Some assertion needs to know whether the position is the start of the text.</summary>
    public bool UsesTextStart { get; }

    /// <summary><c>(?m)^</c> is used: the previous byte being <c>\n</c> matters.</summary>
    public bool UsesLineFeedBehind { get; }

    /// <summary><c>(?m)$</c> is used: the next byte being <c>\n</c> matters.</summary>
    public bool UsesLineFeedAhead { get; }

    /// <summary><c>\b</c> or <c>\B</c> is used: word-ness of both neighbouring bytes matters.</summary>
    public bool UsesWord { get; }

    /// <summary>Whether <paramref name="kind"/> looks at the byte before the position.</summary>
    public static bool IsLookBehind(AssertionKind kind) => kind != AssertionKind.TextEnd && kind != AssertionKind.LineEnd;

    /// <summary>Marks every state that reaches a look-behind assertion through epsilon moves (reverse search).</summary>
    private void MarkLookBehindReach()
    {
        var count = Count;
        var reverseCount = new int[count + 1];
        for (var s = 0; s < count; s++)
        {
            if (Kinds[s] is NfaStateKind.Split or NfaStateKind.Look)
            {
                if (Next1[s] >= 0)
                {
                    reverseCount[Next1[s] + 1]++;
                }

                if (Next2[s] >= 0)
                {
                    reverseCount[Next2[s] + 1]++;
                }
            }
        }

        for (var s = 0; s < count; s++)
        {
            reverseCount[s + 1] += reverseCount[s];
        }

        var sources = new int[reverseCount[count]];
        var fill = (int[])reverseCount.Clone();
        for (var s = 0; s < count; s++)
        {
            if (Kinds[s] is NfaStateKind.Split or NfaStateKind.Look)
            {
                if (Next1[s] >= 0)
                {
                    sources[fill[Next1[s]]++] = s;
                }

                if (Next2[s] >= 0)
                {
                    sources[fill[Next2[s]]++] = s;
                }
            }
        }

        var stack = new Stack<int>();
        for (var s = 0; s < count; s++)
        {
            if (Kinds[s] == NfaStateKind.Look && IsLookBehind(Looks[s]))
            {
                NeedsLookBehind[s] = true;
                stack.Push(s);
            }
        }

        while (stack.Count > 0)
        {
            var s = stack.Pop();
            for (var i = reverseCount[s]; i < reverseCount[s + 1]; i++)
            {
                var p = sources[i];
                if (!NeedsLookBehind[p])
                {
                    NeedsLookBehind[p] = true;
                    stack.Push(p);
                }
            }
        }
    }
}
