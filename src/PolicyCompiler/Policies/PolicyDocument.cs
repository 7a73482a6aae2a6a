namespace Hush.PolicyCompiler.Policies;

/// <summary>A loaded, schema-checked policy file.</summary>
internal sealed class PolicyDocument
{
    /// <summary>File name used in diagnostics.</summary>
    public required string File { get; init; }

    /// <summary>SHA-256 of the file bytes.</summary>
    public required byte[] SourceSha256 { get; init; }

    /// <summary>Policy name.</summary>
    public required string Name { get; init; }

    /// <summary>Free-form policy version.</summary>
    public required string PolicyVersion { get; init; }

    /// <summary>Optional description.</summary>
    public string Description { get; init; } = "";

    /// <summary>Entries of <c>rules:</c>.</summary>
    public IReadOnlyList<PolicyRule> Rules { get; init; } = [];

    /// <summary>Entries of <c>env_vars:</c>.</summary>
    public IReadOnlyList<EnvVarEntry> EnvVars { get; init; } = [];

    /// <summary>Entries of <c>hold:</c> (action hold).</summary>
    public IReadOnlyList<PolicyRule> HoldRules { get; init; } = [];

    /// <summary>The <c>fallback:</c> section, when present.</summary>
    public FallbackSpec? Fallback { get; init; }

    /// <summary>Entries of <c>tests:</c>.</summary>
    public IReadOnlyList<PolicyTestCase> Tests { get; init; } = [];

    /// <summary>
    /// Every rule to compile, in artifact order: <c>rules:</c>, then one per env var, then <c>hold:</c>, then
    /// the fallback detector.
    /// </summary>
    public IReadOnlyList<PolicyRule> AllRules()
    {
        var all = new List<PolicyRule>(Rules.Count + EnvVars.Count + HoldRules.Count + 1);
        all.AddRange(Rules);
        foreach (var env in EnvVars)
        {
            all.Add(GeneratedRules.ForEnvVar(env));
        }

        all.AddRange(HoldRules);
        if (Fallback is not null)
        {
            all.Add(GeneratedRules.ForFallback(Fallback));
        }

        return all;
    }
}
