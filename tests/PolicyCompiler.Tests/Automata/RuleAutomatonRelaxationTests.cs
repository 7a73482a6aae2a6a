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
    public void Build_LeadingContextDropped_SameEndsAndSecretLive()
    {
        const string pattern = "[a-z]{0,6}?key=([0-9]{2,3})";
        var root = Hush.PolicyCompiler.Syntax.RegexParser.Parse(pattern).Root;
        var stripped = PatternRelaxer.Relax(root, 1, 1);
        Assert.NotNull(stripped);
        Assert.Null(PatternRelaxer.Relax(root, 0, 1));
        var exactStates = Determinized(root);
        Assert.True(Determinized(stripped.Value.Root) < exactStates);

        var exact = DfaRunner.Build(pattern, 1).Dfa;
        var relaxed = DfaRunner.Build(pattern, 1, new AutomatonBudget(MaxDfaStates: exactStates - 1));
        Assert.Equal(stripped.Value.Description, relaxed.Relaxation);
        const StateFlags Kept = StateFlags.Accepting | StateFlags.SecretLive;
        Gen.Char["abkey=0123 "].Array[0, 30].Select(c => new string(c)).Sample(text =>
        {
            var e = Array.ConvertAll(DfaRunner.Trace(exact, text), f => f & Kept);
            var r = Array.ConvertAll(DfaRunner.Trace(relaxed.Dfa, text), f => f & Kept);
            Assert.Equal(e, r);
            Assert.Equal(DfaRunner.Ends(exact, DfaRunner.Latin1(text)), DfaRunner.Ends(relaxed.Dfa, DfaRunner.Latin1(text)));
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
    public void Build_GenericApiKeyRule_FastAndSmall()
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
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
