using Hush.Policy.Automata;

namespace Hush.PolicyCompiler.Automata;

/// <summary>The automaton built for one rule.</summary>
/// <param name="Dfa">The minimal, numbered DFA (validated).</param>
/// <param name="Exact">Whether it recognises exactly the rule's match ends; otherwise a superset (relaxed).</param>
/// <param name="NfaStates">Thompson NFA size of the form that was determinized.</param>
/// <param name="DfaStates">State count of <paramref name="Dfa"/>, dead state included.</param>
/// <param name="Relaxation">What was relaxed to fit the budget, or <see langword="null"/> when exact.</param>
internal sealed record RuleAutomaton(Dfa Dfa, bool Exact, int NfaStates, int DfaStates, string? Relaxation);
