namespace Hush.PolicyCompiler.Compilation;

/// <summary>What compiling one rule produced, for <c>hushc compile</c>/<c>check</c> summaries and the README.</summary>
/// <param name="Id">Rule id.</param>
/// <param name="NfaStates">Thompson NFA size.</param>
/// <param name="DfaStates">Minimal DFA states, dead state included.</param>
/// <param name="ClassCount">Byte classes of the DFA.</param>
/// <param name="Exact">Whether the DFA is exact (otherwise relaxed; confirmation decides).</param>
/// <param name="Relaxation">What was relaxed, when not exact.</param>
/// <param name="TableBytes">Automaton table memory in bytes.</param>
/// <param name="MaxMatchLength">Longest match in bytes.</param>
/// <param name="Literals">Prefilter literals; empty when the rule is always on.</param>
/// <param name="Elapsed">Time spent compiling the rule.</param>
internal sealed record RuleStats(
    string Id,
    int NfaStates,
    int DfaStates,
    int ClassCount,
    bool Exact,
    string? Relaxation,
    long TableBytes,
    int MaxMatchLength,
    IReadOnlyList<string> Literals,
    TimeSpan Elapsed)
{
    /// <summary>Whether the rule's automaton runs over every byte.</summary>
    public bool AlwaysOn => Literals.Count == 0;
}
