using Hush.Policy.Rules;

namespace Hush.PolicyCompiler.Policies;

/// <summary>
/// A rule as written (or generated from <c>env_vars:</c>/<c>fallback:</c>), before compilation, with the source
/// positions diagnostics point at.
/// </summary>
internal sealed class PolicyRule
{
    /// <summary>Unique rule id.</summary>
    public required string Id { get; init; }

    /// <summary>Section the rule came from.</summary>
    public PolicyRuleOrigin Origin { get; init; }

    /// <summary>Position of the rule's entry (its id, or the generating entry).</summary>
    public SourcePosition Position { get; init; }

    /// <summary>Human description.</summary>
    public string Description { get; init; } = "";

    /// <summary>The pattern in the policy regex dialect.</summary>
    public required string Pattern { get; init; }

    /// <summary>Maps pattern offsets to file positions; null for generated patterns.</summary>
    public ScalarSourceMap? PatternMap { get; init; }

    /// <summary>Position of the <c>pattern:</c> value (or of the generating entry).</summary>
    public SourcePosition PatternPosition { get; init; }

    /// <summary>Secret group by number, when given as a number.</summary>
    public int? SecretIndex { get; init; }

    /// <summary>Secret group by name, when given as a name.</summary>
    public string? SecretName { get; init; }

    /// <summary>Position of the <c>secret:</c> value.</summary>
    public SourcePosition SecretPosition { get; init; }

    /// <summary>Mask or hold.</summary>
    public RuleAction Action { get; init; }

    /// <summary>Replacement template (validated by the loader).</summary>
    public string Replacement { get; init; } = "[MASKED:{id}]";

    /// <summary>Keywords, one of which a match must contain.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Minimum Shannon entropy of the secret, bits per byte.</summary>
    public double MinEntropy { get; init; }

    /// <summary>Allow-list entries.</summary>
    public IReadOnlyList<PolicyAllowEntry> Allow { get; init; } = [];

    /// <summary>Longest match in bytes, when given.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Position of the <c>max_length:</c> value (or of the rule when absent).</summary>
    public SourcePosition MaxLengthPosition { get; init; }

    /// <summary>Structural validator.</summary>
    public ValidatorKind Validator { get; init; }

    /// <summary>Directions the rule applies to.</summary>
    public RuleDirection Direction { get; init; } = RuleDirection.Both;

    /// <summary>Hold reason (hold rules only).</summary>
    public string Reason { get; init; } = "";

    /// <summary>Approver groups (hold rules only).</summary>
    public IReadOnlyList<string> Approvers { get; init; } = [];
}
