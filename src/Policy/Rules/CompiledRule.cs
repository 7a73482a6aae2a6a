using Hush.Policy.Automata;

namespace Hush.Policy.Rules;

/// <summary>One rule of a compiled policy: its automaton, prefilter, and the data that confirms a candidate.</summary>
public sealed class CompiledRule
{
    /// <summary>Unique rule id from the policy.</summary>
    public required string Id { get; init; }

    /// <summary>Human description.</summary>
    public string Description { get; init; } = "";

    /// <summary>Mask or hold.</summary>
    public RuleAction Action { get; init; }

    /// <summary>Directions the rule applies to.</summary>
    public RuleDirection Direction { get; init; } = RuleDirection.Both;

    /// <summary>
    /// Replacement template for a masked secret: literal text with <c>{id}</c> (rule id), <c>{len}</c> (secret
    /// length in bytes) and <c>{keep:N}</c> (the first N bytes of the secret, for non-secret prefixes such as
    /// <c>ghp_</c>). <c>{{</c> and <c>}}</c> escape braces.
    /// </summary>
    public string Replacement { get; init; } = "[MASKED:{id}]";

    /// <summary>For hold rules: why the answer is held.</summary>
    public string Reason { get; init; } = "";

    /// <summary>For hold rules: approver group names.</summary>
    public string[] Approvers { get; init; } = [];

    /// <summary>
    /// The rule's pattern as a .NET regular expression over Latin-1 characters (one char per byte), with every
    /// group non-capturing except the secret group. Used to confirm candidates in a bounded window.
    /// </summary>
    public required string ConfirmPattern { get; init; }

    /// <summary>The capture group of <see cref="ConfirmPattern"/> holding the secret: 0 (whole match) or 1.</summary>
    public int SecretGroup { get; init; }

    /// <summary>Minimum Shannon entropy (bits per byte) of the secret; 0 disables the check.</summary>
    public double MinEntropy { get; init; }

    /// <summary>Substrings (compared ignoring ASCII case) that exempt a secret containing them.</summary>
    public string[] AllowLiterals { get; init; } = [];

    /// <summary>.NET patterns (over Latin-1) that exempt a secret they match anywhere in.</summary>
    public string[] AllowPatterns { get; init; } = [];

    /// <summary>
    /// When not empty, a candidate is confirmed only if its match contains one of these (ASCII case ignored),
    /// as gitleaks' keywords require.
    /// </summary>
    public string[] Keywords { get; init; } = [];

    /// <summary>Structural validator the secret must pass.</summary>
    public ValidatorKind Validator { get; init; }

    /// <summary>Largest possible length of a match, in bytes.</summary>
    public int MaxMatchLength { get; init; }

    /// <summary>Largest possible length of the secret, in bytes.</summary>
    public int MaxSecretLength { get; init; }

    /// <summary>
    /// The rule's automaton. When <see cref="ExactAutomaton"/> is false it accepts a superset of the rule's
    /// matches (a relaxation that fit the state budget); confirmation then decides.
    /// </summary>
    public required Dfa Automaton { get; init; }

    /// <summary>Whether <see cref="Automaton"/> recognises exactly the rule's language.</summary>
    public bool ExactAutomaton { get; init; } = true;

    /// <summary>How the literal prefilter wakes this rule.</summary>
    public required RulePrefilter Prefilter { get; init; }
}
