using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Automata;

/// <summary>
/// Compiles a regex AST to a Thompson NFA over bytes, back to front: every construct is compiled with the
/// state it continues to, so no patch lists are needed. Laziness is ignored (the DFA recognises the set of
/// match ends; preference only matters to confirmation).
/// </summary>
internal sealed partial class NfaBuilder
{
    private readonly List<NfaStateKind> _kinds = [];
    private readonly List<int> _next1 = [];
    private readonly List<int> _next2 = [];
    private readonly List<AssertionKind> _looks = [];
    private readonly List<NfaTransition[]> _transitions = [];
    private readonly List<int> _opens = [];
    private readonly int _secretGroup;
    private readonly int _maxStates;

    private NfaBuilder(int secretGroup, int maxStates)
    {
        _secretGroup = secretGroup;
        _maxStates = maxStates;
    }

    /// <summary>
    /// Builds the unanchored NFA of <paramref name="root"/>. Throws <see cref="AutomatonBudgetException"/> when it
    /// would exceed <paramref name="maxStates"/>.
    /// </summary>
    public static Nfa Build(RegexNode root, int secretGroup, int maxStates)
    {
        var b = new NfaBuilder(secretGroup, maxStates);
        var match = b.Add(NfaStateKind.Match, -1, -1);
        var patternStart = b.Compile(root, match);
        if (secretGroup == 0)
        {
            b._opens.Add(patternStart);
        }

        // The unanchored prefix (?s:.)*? : a split into the pattern and an any-byte loop back to itself.
        var start = b.Add(NfaStateKind.Split, patternStart, -1);
        var any = b.AddBytes([new NfaTransition(0, 255, start)]);
        b._next2[start] = any;
        return b.Finish(start);
    }

    private Nfa Finish(int start)
    {
        var count = _kinds.Count;
        var live = new bool[count];
        var stack = new Stack<int>();
        foreach (var open in _opens)
        {
            // Seed with the successors: the open marker itself is the target of the byte BEFORE the group,
            // so it only counts as live when reached again (a loop around the group).
            VisitSuccessors(live, stack, open);
        }

        while (stack.Count > 0)
        {
            VisitSuccessors(live, stack, stack.Pop());
        }

        return new Nfa(count, [.. _kinds], [.. _next1], [.. _next2], [.. _looks], [.. _transitions], start, live);
    }

    private void VisitSuccessors(bool[] seen, Stack<int> stack, int s)
    {
        Visit(seen, stack, _next1[s]);
        Visit(seen, stack, _next2[s]);
        foreach (var t in _transitions[s])
        {
            Visit(seen, stack, t.Target);
        }
    }

    private static void Visit(bool[] seen, Stack<int> stack, int s)
    {
        if (s >= 0 && !seen[s])
        {
            seen[s] = true;
            stack.Push(s);
        }
    }

    private int Compile(RegexNode node, int next)
    {
        switch (node)
        {
            case CharSetNode set:
                return CompileSet(set, next);
            case ConcatNode concat:
                for (var i = concat.Items.Count - 1; i >= 0; i--)
                {
                    next = Compile(concat.Items[i], next);
                }

                return next;
            case AlternationNode alt:
                return CompileAlternation(alt.Alternatives, next);
            case GroupNode group:
                var entry = Compile(group.Item, next);
                if (group.Index != _secretGroup)
                {
                    return entry;
                }

                // An epsilon marker for the secret's start: every state reachable from it is "live".
                var open = Add(NfaStateKind.Split, entry, -1);
                _opens.Add(open);
                return open;
            case AssertionNode look:
                var s = Add(NfaStateKind.Look, next, -1);
                _looks[s] = look.Kind;
                return s;
            case RepeatNode repeat:
                return CompileRepeat(repeat, next);
            default:
                throw new ArgumentException($"unknown regex node {node.GetType().Name}", nameof(node));
        }
    }

    private int CompileAlternation(IReadOnlyList<RegexNode> alternatives, int next)
    {
        if (alternatives.Count == 0)
        {
            return next;
        }

        var entry = Compile(alternatives[^1], next);
        for (var i = alternatives.Count - 2; i >= 0; i--)
        {
            entry = Add(NfaStateKind.Split, Compile(alternatives[i], next), entry);
        }

        return entry;
    }

    private int CompileRepeat(RepeatNode repeat, int next)
    {
        var min = repeat.Min;
        var tail = next;
        if (repeat.Unbounded)
        {
            // X+ as one copy looping back through a split; X* is the same split entered first.
            var loop = Add(NfaStateKind.Split, -1, next);
            var body = Compile(repeat.Item, loop);
            _next1[loop] = body;
            if (min == 0)
            {
                return loop;
            }

            tail = body;
            min--;
        }
        else
        {
            // (X(X(X)?)?)? : each optional copy skips straight to next, keeping the NFA linear in m.
            for (var k = 0; k < repeat.Max - repeat.Min; k++)
            {
                var body = Compile(repeat.Item, tail);
                tail = Add(NfaStateKind.Split, body, next);
            }
        }

        for (var k = 0; k < min; k++)
        {
            tail = Compile(repeat.Item, tail);
        }

        return tail;
    }

    private int Add(NfaStateKind kind, int next1, int next2)
    {
        if (_kinds.Count >= _maxStates)
        {
            throw new AutomatonBudgetException($"the NFA exceeds {_maxStates} states");
        }

        _kinds.Add(kind);
        _next1.Add(next1);
        _next2.Add(next2);
        _looks.Add(default);
        _transitions.Add([]);
        return _kinds.Count - 1;
    }

    private int AddBytes(NfaTransition[] transitions)
    {
        var s = Add(NfaStateKind.Bytes, -1, -1);
        _transitions[s] = transitions;
        return s;
    }
}
