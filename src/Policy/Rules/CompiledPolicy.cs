namespace Hush.Policy.Rules;

/// <summary>A compiled policy as loaded from an artifact: identity and the rules in artifact order.</summary>
public sealed class CompiledPolicy
{
    /// <summary>Policy name from the source.</summary>
    public required string Name { get; init; }

    /// <summary>Policy version from the source.</summary>
    public required string Version { get; init; }

    /// <summary>SHA-256 of the policy source bytes (32 bytes).</summary>
    public required byte[] SourceSha256 { get; init; }

    /// <summary>Rules in artifact order; a rule's index is its position here.</summary>
    public required IReadOnlyList<CompiledRule> Rules { get; init; }

    /// <summary>Lower-case hex of <see cref="SourceSha256"/>.</summary>
    public string SourceSha256Hex => Convert.ToHexStringLower(SourceSha256);
}
