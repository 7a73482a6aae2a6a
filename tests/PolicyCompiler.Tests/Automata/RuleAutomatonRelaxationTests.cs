using System.Diagnostics;
using CsCheck;
using Hush.Policy.Automata;
using Hush.PolicyCompiler.Automata;
using Xunit.Abstractions;

namespace Hush.PolicyCompiler.Tests.Automata;

/// <summary>Budget handling: relaxation to a superset, the budget error, and build-time figures.</summary>
public sealed class RuleAutomatonRelaxationTests(ITestOutputHelper output)
{
    private const string Overlapping = "[a-z0-9]{10,200}x[a-z0-9]{10,200}";

    [Fact]
    public void Build_OverlappingCountedRepeats_Relaxed()
    {
        var automaton = DfaRunner.Build(Overlapping);
        Assert.False(automaton.Exact);
        Assert.NotNull(automaton.Relaxation);
        Assert.True(automaton.DfaStates <= new AutomatonBudget().MaxDfaStates);
    }

    [Fact]
    public void Build_Relaxed_AcceptsSupersetOfExactEnds()
    {
        // Same shape with small counts: exact fits a generous budget, the relaxed form is forced by a tiny one.
        const string pattern = "[a-c0-1]{2,5}x[a-c0-1]{3,6}";
        var exact = DfaRunner.Build(pattern).Dfa;
        var relaxed = DfaRunner.Build(pattern, budget: new AutomatonBudget(MaxDfaStates: 12));
        Assert.False(relaxed.Exact);
        var oracle = new MatchEndOracle(pattern);
        Gen.Char["abcx01y"].Array[0, 30].Select(c => new string(c)).Sample(text =>
        {
            var bytes = DfaRunner.Latin1(text);
            var e = DfaRunner.Ends(exact, bytes);
            var r = DfaRunner.Ends(relaxed.Dfa, bytes);
            Assert.Equal(oracle.Ends(text), e);
            for (var j = 0; j < e.Length; j++)
            {
                Assert.True(!e[j] || r[j], $"relaxed DFA misses the match end {j} in {text}");
            }
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Build_RelaxedLeadingContext_NeverStartWhileExactInProgress()
    {
        // Leading context with an assertion: the relaxed automaton must still track it, so that the matcher's
        // "last start state" bound never passes the true match start.
        const string pattern = "(?m)^[a-z ]{0,40}key=([0-9]{2,30})";
        var exact = DfaRunner.Build(pattern, 1).Dfa;
        var relaxed = DfaRunner.Build(pattern, 1, new AutomatonBudget(MaxDfaStates: 64));
        Assert.False(relaxed.Exact);
        Assert.DoesNotContain("context", relaxed.Relaxation ?? "", StringComparison.Ordinal);
        Gen.Char["ab key=0123\n"].Array[0, 40].Select(c => new string(c)).Sample(text =>
        {
            var e = DfaRunner.Trace(exact, text);
            var r = DfaRunner.Trace(relaxed.Dfa, text);
            for (var i = 0; i < e.Length; i++)
            {
                Assert.True((e[i] & StateFlags.Start) != 0 || (r[i] & StateFlags.Start) == 0, $"relaxed start at {i} in {text}");
                Assert.True((e[i] & StateFlags.SecretLive) == 0 || (r[i] & StateFlags.SecretLive) != 0, $"relaxed lost secret-live at {i} in {text}");
            }
        }, iter: 300, threads: 1);
    }

    private static int Determinized(Hush.PolicyCompiler.Syntax.RegexNode root)
    {
        var nfa = NfaBuilder.Build(root, 1, 100_000);
        return Determinizer.Build(nfa, ByteClassBuilder.Build(nfa), 100_000).StateCount;
    }

    [Fact]
    public void Build_NfaBudgetExceeded_RelaxesCounts()
    {
        var automaton = DfaRunner.Build("[a-f]{500}", budget: new AutomatonBudget(MaxNfaStates: 100));
        Assert.False(automaton.Exact);
        Assert.Contains("unbounded", automaton.Relaxation, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NothingFits_ThrowsNamingBudget()
    {
        var root = Hush.PolicyCompiler.Syntax.RegexParser.Parse("abcdefghij").Root;
        var e = Assert.Throws<AutomatonBudgetException>(() =>
            RuleAutomatonBuilder.Build(root, 0, new AutomatonBudget(MaxDfaStates: 5)));
        Assert.Contains("5 DFA states", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoRelaxationsAllowed_Throws()
    {
        var root = Hush.PolicyCompiler.Syntax.RegexParser.Parse(Overlapping).Root;
        Assert.Throws<AutomatonBudgetException>(() =>
            RuleAutomatonBuilder.Build(root, 0, new AutomatonBudget(MaxRelaxations: 0)));
    }

    [Fact]
    public void Build_GenericApiKeyRule_FitsTheStateBudget()
    {
        const string pattern = "(?i)[\\w.-]{0,50}?(?:key|token)(?:[ \\t\\w.-]{0,20})[\\s'\"]{0,3}(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)[\\x60'\"\\s=]{0,5}([a-z0-9_-]{32})(?:[\\x60'\"\\s;]|\\\\[nr]|$)";
        DfaRunner.Build(pattern, 1);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var automaton = DfaRunner.Build(pattern, 1);
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        output.WriteLine($"states {automaton.DfaStates}, nfa {automaton.NfaStates}, classes {automaton.Dfa.ClassCount}, " +
            $"exact {automaton.Exact} ({automaton.Relaxation}), {watch.Elapsed.TotalMilliseconds:F1} ms ({cpu.TotalMilliseconds:F0} ms CPU)");
        // Build time is reported above, never asserted; the budget is what the compiler guarantees.
        Assert.InRange(automaton.DfaStates, 2, new AutomatonBudget().MaxDfaStates);
        Assert.Null(automaton.Dfa.Validate());
    }
}
