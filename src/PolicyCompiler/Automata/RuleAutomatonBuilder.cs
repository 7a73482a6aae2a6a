using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Automata;

/// <summary>
/// Builds one rule's DFA: Thompson NFA → byte classes → subset construction with look-around → minimisation →
/// numbering. When the exact form exceeds the budget, tries the relaxations of <see cref="PatternRelaxer"/> in
/// order; the first that fits is returned with <see cref="RuleAutomaton.Exact"/> false.
/// </summary>
internal static class RuleAutomatonBuilder
{
    /// <summary>
    /// Builds the automaton of <paramref name="root"/>. <paramref name="secretGroup"/>: 0 = the whole match is the
    /// secret, else the capture group whose span is. Throws <see cref="AutomatonBudgetException"/> when even the
    /// most relaxed form exceeds <paramref name="budget"/>.
    /// </summary>
    public static RuleAutomaton Build(RegexNode root, int secretGroup, AutomatonBudget budget)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentOutOfRangeException.ThrowIfNegative(secretGroup);
        string? failure;
        try
        {
            return BuildExact(root, secretGroup, budget, null);
        }
        catch (AutomatonBudgetException e)
        {
            failure = e.Message;
        }

        // Steps that change nothing are skipped and do not count against MaxRelaxations.
        var tried = 0;
        for (var step = 1; step <= PatternRelaxer.StepCount && tried < budget.MaxRelaxations; step++)
        {
            if (PatternRelaxer.Relax(root, step) is not { } relaxed)
            {
                continue;
            }

            tried++;
            try
            {
                return BuildExact(relaxed.Root, secretGroup, budget, relaxed.Description);
            }
            catch (AutomatonBudgetException e)
            {
                failure = e.Message;
            }
        }

        throw new AutomatonBudgetException(
            $"{failure} (budget: {budget.MaxDfaStates} DFA states, {budget.MaxNfaStates} NFA states), "
            + $"even after {tried} relaxation step(s)");
    }

    private static RuleAutomaton BuildExact(RegexNode root, int secretGroup, AutomatonBudget budget, string? relaxation)
    {
        var nfa = NfaBuilder.Build(root, secretGroup, budget.MaxNfaStates);
        var classes = ByteClassBuilder.Build(nfa);
        var graph = Determinizer.Build(nfa, classes, budget.MaxDfaStates);
        var minimal = DfaMinimizer.Minimize(graph);
        var dfa = DfaAssembler.Assemble(minimal, classes);
        return new RuleAutomaton(dfa, relaxation is null, nfa.Count, dfa.StateCount, relaxation);
    }
}
