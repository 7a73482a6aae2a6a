namespace Hush.PolicyCompiler.Automata;

/// <summary>Limits for building one rule's automaton.</summary>
/// <param name="MaxDfaStates">Largest determinized state count (dead and end-of-input sink included) before relaxing.</param>
/// <param name="MaxNfaStates">Largest Thompson NFA before relaxing.</param>
/// <param name="MaxRelaxations">How many relaxation steps may be tried after the exact form fails (0..3).</param>
internal sealed record AutomatonBudget(int MaxDfaStates = 4096, int MaxNfaStates = 100_000, int MaxRelaxations = 3);
