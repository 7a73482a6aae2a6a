using Hush.Policy.Rules;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Analysis;

/// <summary>What <see cref="RuleAnalyzer.Analyze"/> derives from a parsed rule pattern.</summary>
/// <param name="Root">The tree to compile: unbounded repeats capped, leading lazy context stripped.</param>
/// <param name="SecretGroup">Capture index of the secret in <paramref name="Root"/> (0 = whole match); numbering unchanged.</param>
/// <param name="MaxMatchLength">Longest match of <paramref name="Root"/>, bytes.</param>
/// <param name="MinMatchLength">Shortest match of <paramref name="Root"/>, bytes (≥ 1).</param>
/// <param name="MaxSecretLength">Longest secret, bytes.</param>
/// <param name="Prefilter">Required literals and the largest distance from match start to literal start.</param>
/// <param name="ConfirmPattern">.NET pattern over Latin-1 chars (one per byte) equivalent to <paramref name="Root"/>.</param>
/// <param name="ConfirmSecretGroup">1 when the secret is a group (the only capturing group of the confirm pattern), else 0.</param>
internal sealed record AnalyzedPattern(
    RegexNode Root,
    int SecretGroup,
    int MaxMatchLength,
    int MinMatchLength,
    int MaxSecretLength,
    RulePrefilter Prefilter,
    string ConfirmPattern,
    int ConfirmSecretGroup);
