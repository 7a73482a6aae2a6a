using Hush.Policy.Rules;

namespace Hush.Policy.Tests.Matching;

/// <summary>A rule as a test writes it: an RE2 pattern plus the options of the policy language.</summary>
internal sealed record TestRule(string Id, string Pattern, int Secret = 0)
{
    public string[] Keywords { get; init; } = [];

    public double MinEntropy { get; init; }

    public string[] Allow { get; init; } = [];

    /// <summary>.NET allow patterns (the compiler translates RE2 ones; tests pass them ready).</summary>
    public string[] AllowRegex { get; init; } = [];

    public int? MaxLength { get; init; }

    public ValidatorKind Validator { get; init; }

    public RuleAction Action { get; init; }

    public RuleDirection Direction { get; init; } = RuleDirection.Both;

    public string Replacement { get; init; } = "[MASKED:{id}]";
}
