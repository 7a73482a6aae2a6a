using Hush.Policy.Rules;
using Hush.PolicyCompiler.Policies;

namespace Hush.PolicyCompiler.Compilation;

/// <summary>What compiling one rule produced: the rule and its statistics, or diagnostics.</summary>
internal sealed record RuleOutcome(CompiledRule? Rule, RuleStats? Stats, IReadOnlyList<Diagnostic> Diagnostics, bool OverBudget)
{
    /// <summary>A failed rule.</summary>
    public static RuleOutcome Failed(Diagnostic diagnostic, bool overBudget = false) => new(null, null, [diagnostic], overBudget);
}
