using Hush.Policy.Rules;

namespace Hush.PolicyCompiler.Policies;

/// <summary>An <c>env_vars:</c> entry: a variable name whose assigned values are masked.</summary>
internal sealed record EnvVarEntry(string Name, double MinEntropy, int MaxLength, RuleDirection Direction, SourcePosition Position)
{
    /// <summary>Default longest value, in bytes.</summary>
    public const int DefaultMaxLength = 256;

    /// <summary>The id of the generated rule.</summary>
    public string RuleId => "env." + Name;
}
