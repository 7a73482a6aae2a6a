namespace Hush.PolicyCompiler.Policies;

/// <summary>Which section of the policy a rule came from.</summary>
internal enum PolicyRuleOrigin
{
    /// <summary>An entry of <c>rules:</c>.</summary>
    Rule,

    /// <summary>Generated from an entry of <c>env_vars:</c>.</summary>
    EnvVar,

    /// <summary>An entry of <c>hold:</c>.</summary>
    Hold,

    /// <summary>Generated from <c>fallback:</c>.</summary>
    Fallback,
}
