using Hush.Policy.Rules;

namespace Hush.PolicyCompiler.Policies;

/// <summary>The <c>fallback:</c> section: a generic credential detector (keyword, separator, high-entropy token).</summary>
internal sealed class FallbackSpec
{
    /// <summary>Keywords used when the policy gives none.</summary>
    public static IReadOnlyList<string> DefaultKeywords { get; } =
    [
        "password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "access_key", "auth_key",
        "credential", "private_key", "client_secret",
    ];

    /// <summary>Mask or hold.</summary>
    public RuleAction Action { get; init; }

    /// <summary>Minimum Shannon entropy of the token, bits per byte.</summary>
    public double MinEntropy { get; init; } = 3.5;

    /// <summary>Shortest token.</summary>
    public int MinLength { get; init; } = 16;

    /// <summary>Longest token.</summary>
    public int MaxLength { get; init; } = 128;

    /// <summary>Credential keywords that must precede the token.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = DefaultKeywords;

    /// <summary>Hold reason (hold only).</summary>
    public string Reason { get; init; } = "";

    /// <summary>Approver groups (hold only).</summary>
    public IReadOnlyList<string> Approvers { get; init; } = [];

    /// <summary>Directions the detector applies to.</summary>
    public RuleDirection Direction { get; init; } = RuleDirection.Both;

    /// <summary>Position of the section.</summary>
    public SourcePosition Position { get; init; }
}
