using Hush.Policy.Automata;
using Hush.PolicyCompiler.Automata;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Tests.Automata;

/// <summary>An independent simulator of the runtime DFA contract, plus build shortcuts for tests.</summary>
internal static class DfaRunner
{
    public static RuleAutomaton Build(string pattern, int secretGroup = 0, AutomatonBudget? budget = null)
    {
        var automaton = RuleAutomatonBuilder.Build(RegexParser.Parse(pattern).Root, secretGroup, budget ?? new AutomatonBudget());
        Assert.Null(automaton.Dfa.Validate());
        return automaton;
    }

    /// <summary>
    /// Positions j (0..n) where the DFA reports a match ending at j: the state after byte j is accepting, or
    /// for j = n the end-of-input transition is.
    /// </summary>
    public static bool[] Ends(Dfa dfa, ReadOnlySpan<byte> input, LookBehind lookBehind = LookBehind.TextStart)
    {
        var ends = new bool[input.Length + 1];
        var state = dfa.StartState(lookBehind);
        for (var i = 0; i < input.Length; i++)
        {
            state = dfa.Transitions[state + dfa.ByteClasses[input[i]]];
            ends[i] = (dfa.FlagsOf(state) & StateFlags.Accepting) != 0;
        }

        state = dfa.Transitions[state + dfa.EndOfInputClass];
        ends[input.Length] = (dfa.FlagsOf(state) & StateFlags.Accepting) != 0;
        return ends;
    }

    /// <summary>Flags of the state reached after each byte (index i = after byte i).</summary>
    public static StateFlags[] Trace(Dfa dfa, string input)
    {
        var flags = new StateFlags[input.Length];
        var state = dfa.StartState(LookBehind.TextStart);
        for (var i = 0; i < input.Length; i++)
        {
            state = dfa.Transitions[state + dfa.ByteClasses[(byte)input[i]]];
            Assert.True(state < dfa.SpecialLimit || dfa.FlagsOf(state) == StateFlags.None);
            flags[i] = dfa.FlagsOf(state);
        }

        return flags;
    }

    public static byte[] Latin1(string s) => System.Text.Encoding.Latin1.GetBytes(s);

    public static string Show(bool[] ends)
    {
        var list = new List<int>();
        for (var i = 0; i < ends.Length; i++)
        {
            if (ends[i])
            {
                list.Add(i);
            }
        }

        return "[" + string.Join(",", list) + "]";
    }
}
