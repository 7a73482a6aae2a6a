using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Automata;

/// <summary>Epsilon closure with assertions resolved against the look-behind bits and one look-ahead kind.</summary>
internal sealed partial class Determinizer
{
    /// <summary>
    /// Fills the closure buffer with the byte-consuming states reachable from the set in <paramref name="key"/>
    /// (all entries but the last, which holds the bits) and returns whether the match state is reachable.
    /// </summary>
    private bool Closure(int[] key, int bits, int ahead)
    {
        var gen = ++_gen;
        var depth = 0;
        var matched = false;
        _closureCount = 0;
        for (var i = key.Length - 2; i >= 0; i--)
        {
            var s = key[i];
            if (s >= 0 && _mark[s] != gen)
            {
                _mark[s] = gen;
                _stack[depth++] = s;
            }
        }

        while (depth > 0)
        {
            var s = _stack[--depth];
            switch (_nfa.Kinds[s])
            {
                case NfaStateKind.Bytes:
                    _closure[_closureCount++] = s;
                    break;
                case NfaStateKind.Match:
                    matched = true;
                    break;
                case NfaStateKind.Split:
                    Push(_nfa.Next2[s], gen, ref depth);
                    Push(_nfa.Next1[s], gen, ref depth);
                    break;
                case NfaStateKind.Look:
                    if (Holds(_nfa.Looks[s], bits, ahead))
                    {
                        Push(_nfa.Next1[s], gen, ref depth);
                    }

                    break;
            }
        }

        return matched;
    }

    private void Push(int s, int gen, ref int depth)
    {
        if (s >= 0 && _mark[s] != gen)
        {
            _mark[s] = gen;
            _stack[depth++] = s;
        }
    }

    private static bool Holds(AssertionKind kind, int bits, int ahead) => kind switch
    {
        AssertionKind.TextStart => (bits & AtStart) != 0,
        AssertionKind.LineStart => (bits & (AtStart | PrevLineFeed)) != 0,
        AssertionKind.TextEnd => ahead == AheadEnd,
        AssertionKind.LineEnd => ahead is AheadEnd or AheadLineFeed,
        AssertionKind.WordBoundary => ((bits & PrevWord) != 0) != (ahead == AheadWord),
        AssertionKind.NotWordBoundary => ((bits & PrevWord) != 0) == (ahead == AheadWord),
        _ => false,
    };
}
