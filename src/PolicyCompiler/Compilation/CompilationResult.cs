using Hush.Policy.Rules;
using Hush.PolicyCompiler.Policies;

namespace Hush.PolicyCompiler.Compilation;

/// <summary>The outcome of <see cref="PolicyCompilation.Compile"/>.</summary>
/// <param name="Policy">The compiled policy; null when there are diagnostics.</param>
/// <param name="Diagnostics">Every problem, in source order of the rules.</param>
/// <param name="Stats">Per-rule statistics of the rules that compiled, in source order.</param>
internal sealed record CompilationResult(CompiledPolicy? Policy, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<RuleStats> Stats)
{
    /// <summary>Whether compilation succeeded.</summary>
    public bool Success => Policy is not null && Diagnostics.Count == 0;
}
