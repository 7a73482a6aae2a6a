using Hush.Policy.Automata;
using Hush.PolicyCompiler.Automata;

namespace Hush.PolicyCompiler.Tests.Automata;

/// <summary>State flags, numbering, minimality and determinism of built automata.</summary>
public sealed class RuleAutomatonFlagsTests
{
    private const StateFlags Acc = StateFlags.Accepting;
    private const StateFlags Live = StateFlags.SecretLive;
    private const StateFlags Start = StateFlags.Start;
    private const StateFlags None = StateFlags.None;

    [Fact]
    public void Build_Literal_MinimalStateCount()
    {
        // dead, end-of-input sink, {start}, a, ab, abc, {start}+accept, a+accept (a match may follow at once).
        var automaton = DfaRunner.Build("abc");
        Assert.Equal(8, automaton.DfaStates);
        Assert.True(automaton.Exact);
        Assert.Null(automaton.Relaxation);
        Assert.Equal(4, automaton.Dfa.ClassCount);
    }

    [Fact]
    public void Build_SingleByte_MinimalStateCount() => Assert.Equal(6, DfaRunner.Build("a").DfaStates);

    [Fact]
    public void Build_NoLookBehind_AllStartStatesEqual()
    {
        var dfa = DfaRunner.Build("ab+c").Dfa;
        Assert.All(dfa.StartStates, s => Assert.Equal(dfa.StartStates[0], s));
        Assert.Equal(Start, dfa.FlagsOf(dfa.StartStates[0]));
    }

    [Fact]
    public void Build_WordBoundary_StartStatesDifferByPreviousByte()
    {
        var dfa = DfaRunner.Build("\\bab").Dfa;
        Assert.NotEqual(dfa.StartState(LookBehind.Word), dfa.StartState(LookBehind.Other));
        Assert.Equal(dfa.StartState(LookBehind.Other), dfa.StartState(LookBehind.LineFeed));
        Assert.Equal(dfa.StartState(LookBehind.Other), dfa.StartState(LookBehind.TextStart));
        Assert.All(dfa.StartStates, s => Assert.Equal(Start, dfa.FlagsOf(s)));
    }

    [Fact]
    public void Build_WholeMatchSecret_LiveFromFirstByteUntilAcceptance()
    {
        var dfa = DfaRunner.Build("ab+c").Dfa;
        Assert.Equal([Start, Live, Live, Live, Live, Acc | Start, Start], DfaRunner.Trace(dfa, "xabbcyz"));
    }

    [Fact]
    public void Build_SecretGroup_LiveOnlyFromGroupStart()
    {
        var dfa = DfaRunner.Build("ab(c+)d", secretGroup: 1).Dfa;
        Assert.Equal([None, None, Live, Live, Live, Acc | Start], DfaRunner.Trace(dfa, "abccdx"));
    }

    [Fact]
    public void Build_SecretGroupAfterContext_NotLiveInContext()
    {
        var dfa = DfaRunner.Build("key=([0-9]{3})", secretGroup: 1).Dfa;
        var flags = DfaRunner.Trace(dfa, "key=123.");
        Assert.All(flags[..4], f => Assert.Equal(None, f & Live));
        Assert.All(flags[4..7], f => Assert.Equal(Live, f & Live));
        Assert.Equal(Acc | Start, flags[7]);
    }

    [Fact]
    public void Build_FlaggedStates_NumberedBelowSpecialLimit()
    {
        var dfa = DfaRunner.Build("(?i)[a-z]{2,5}=([0-9a-f]{4,8})\\b", secretGroup: 1).Dfa;
        var limit = dfa.SpecialLimit >> dfa.StrideLog2;
        for (var s = 1; s < dfa.StateCount; s++)
        {
            Assert.Equal(s < limit, dfa.Flags[s] != None);
        }
    }

    [Fact]
    public void Build_Twice_IdenticalTables()
    {
        const string pattern = "(?i)(?:key|token)[ =:]{1,3}([a-z0-9_-]{8,12})(?:\\b|$)";
        var a = DfaRunner.Build(pattern, 1).Dfa;
        var b = DfaRunner.Build(pattern, 1).Dfa;
        Assert.Equal(a.ByteClasses, b.ByteClasses);
        Assert.Equal(a.Transitions, b.Transitions);
        Assert.Equal(a.Flags, b.Flags);
        Assert.Equal(a.StartStates, b.StartStates);
        Assert.Equal(a.SpecialLimit, b.SpecialLimit);
    }

    [Fact]
    public void Minimize_Twice_NoFurtherReduction()
    {
        var root = Hush.PolicyCompiler.Syntax.RegexParser.Parse("(a|b)*abb|c[ab]{2}").Root;
        var nfa = NfaBuilder.Build(root, 0, 1000);
        var classes = ByteClassBuilder.Build(nfa);
        var once = DfaMinimizer.Minimize(Determinizer.Build(nfa, classes, 1000));
        Assert.Equal(once.StateCount, DfaMinimizer.Minimize(once).StateCount);
    }

    [Fact]
    public void Build_EquivalentPatterns_SameStateCount()
    {
        // Different NFAs, same language: the minimal DFAs must have the same size.
        Assert.Equal(DfaRunner.Build("a{2,3}").DfaStates, DfaRunner.Build("aaa?").DfaStates);
        Assert.Equal(DfaRunner.Build("(a|b)+").DfaStates, DfaRunner.Build("[ab][ab]*").DfaStates);
    }
}
