using System.Globalization;
using System.Text;
using Hush.Policy.Rules;

namespace Hush.PolicyCompiler.Policies;

/// <summary>Turns <c>env_vars:</c> entries and the <c>fallback:</c> section into ordinary rules.</summary>
internal static class GeneratedRules
{
    /// <summary>The id of the fallback detector's rule.</summary>
    public const string FallbackId = "fallback.credential";

    /// <summary>
    /// The env-var pattern. One secret group covers every assignment form: shell/.env <c>NAME=v</c>,
    /// <c>export NAME="v"</c>, <c>-e NAME=v</c>, Dockerfile <c>ENV NAME=v</c> and <c>ENV NAME v</c>, YAML
    /// <c>NAME: v</c>, JSON <c>"NAME": "v"</c> and Python <c>os.environ["NAME"] = "v"</c>. The value stops at white
    /// space, quotes and backticks, so the quotes around a value are never part of the secret.
    /// </summary>
    /// <remarks>
    /// The first value byte may not be <c>=</c> so comparisons such as <c>NAME == x</c> are not assignments. Runs of
    /// blanks are bounded (4) to keep the pattern bounded without a <c>max_length</c>.
    /// </remarks>
    public static string EnvVarPattern(string name, int maxLength) =>
        string.Create(CultureInfo.InvariantCulture,
            $"(?:\\bENV[ \\t]{{1,4}}{name}[ \\t]{{1,4}}|\\b{name}[\"']?\\]?[ \\t]{{0,4}}[:=][ \\t]{{0,4}})[\"']?" +
            $"([^\\s\"'`=][^\\s\"'`]{{0,{maxLength - 1}}})");

    /// <summary>The rule generated for one env var.</summary>
    public static PolicyRule ForEnvVar(EnvVarEntry env) => new()
    {
        Id = env.RuleId,
        Origin = PolicyRuleOrigin.EnvVar,
        Position = env.Position,
        PatternPosition = env.Position,
        SecretPosition = env.Position,
        MaxLengthPosition = env.Position,
        Description = $"Value assigned to {env.Name}",
        Pattern = EnvVarPattern(env.Name, env.MaxLength),
        SecretIndex = 1,
        MinEntropy = env.MinEntropy,
        Direction = env.Direction,
    };

    /// <summary>
    /// The fallback pattern: a credential keyword (ASCII case ignored), up to 16 name bytes (<c>db_password_prod</c>),
    /// an optional closing quote, <c>:</c>, <c>=</c>, <c>:=</c> or <c>=&gt;</c>, an optional opening quote, then the
    /// token as the secret.
    /// </summary>
    public static string FallbackPattern(FallbackSpec spec)
    {
        var keywords = new StringBuilder();
        foreach (var keyword in spec.Keywords)
        {
            if (keywords.Length > 0)
            {
                keywords.Append('|');
            }

            keywords.Append(Escape(keyword));
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"(?i)(?:{keywords})[\\w.-]{{0,16}}[\"']?[ \\t]{{0,4}}(?::=|=>|:|=)[ \\t]{{0,4}}[\"']?" +
            $"([A-Za-z0-9+/=_.~!@#$%^&*-]{{{spec.MinLength},{spec.MaxLength}}})");
    }

    /// <summary>The rule generated for the fallback section.</summary>
    public static PolicyRule ForFallback(FallbackSpec spec) => new()
    {
        Id = FallbackId,
        Origin = PolicyRuleOrigin.Fallback,
        Position = spec.Position,
        PatternPosition = spec.Position,
        SecretPosition = spec.Position,
        MaxLengthPosition = spec.Position,
        Description = "Generic credential: a high-entropy token assigned to a credential-like name",
        Pattern = FallbackPattern(spec),
        SecretIndex = 1,
        Action = spec.Action,
        MinEntropy = spec.MinEntropy,
        Direction = spec.Direction,
        Reason = spec.Reason,
        Approvers = spec.Approvers,
    };

    /// <summary>Escapes a literal for the policy regex dialect.</summary>
    public static string Escape(string literal)
    {
        var sb = new StringBuilder(literal.Length + 4);
        foreach (var c in literal)
        {
            if (@"\.+*?()|[]{}^$#".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
