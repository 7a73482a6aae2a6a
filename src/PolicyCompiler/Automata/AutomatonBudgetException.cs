namespace Hush.PolicyCompiler.Automata;

/// <summary>A rule whose automaton exceeds the budget even in its most relaxed form.</summary>
/// <param name="message">Names the budget that was exceeded and the relaxations tried.</param>
internal sealed class AutomatonBudgetException(string message) : Exception(message);
