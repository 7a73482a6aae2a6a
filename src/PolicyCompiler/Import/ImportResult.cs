namespace Hush.PolicyCompiler.Import;

/// <summary>The outcome of importing foreign rule files.</summary>
/// <param name="PolicyYaml">A policy in our YAML language (docs/policy.md), ready for <c>hushc check</c>.</param>
/// <param name="Warnings">
/// One line per thing the policy cannot express and therefore left out or approximated (path-only rules, path or
/// line allowlists, …), prefixed with the source file and rule id.
/// </param>
/// <param name="Examples">Positive and negative examples shipped with the rules (Nosey Parker, Kingfisher).</param>
internal sealed record ImportResult(string PolicyYaml, IReadOnlyList<string> Warnings, IReadOnlyList<ImportedExample> Examples);
