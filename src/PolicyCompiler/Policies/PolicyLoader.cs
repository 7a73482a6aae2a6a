using System.Security.Cryptography;
using System.Text;
using Hush.Policy.Rules;

namespace Hush.PolicyCompiler.Policies;

/// <summary>
/// Loads a policy file against the strict v1 schema (docs/policy.md). Every problem is collected, each with the
/// line and column it concerns; the document is returned only when there are none.
/// </summary>
internal sealed partial class PolicyLoader
{
    private static readonly string[] s_topKeys =
        ["version", "name", "policy_version", "description", "rules", "env_vars", "hold", "fallback", "tests"];

    private readonly SourceText _source;
    private readonly List<Diagnostic> _diagnostics = [];

    /// <summary>The rule (or section entry) being read, named in value errors; null at the top level.</summary>
    private string? _context;

    private PolicyLoader(SourceText source) => _source = source;

    /// <summary>Reads and loads the file at <paramref name="path"/> (I/O errors propagate to the caller).</summary>
    public static PolicyLoadResult LoadFile(string path) => Load(path, File.ReadAllBytes(path));

    /// <summary>Loads policy <paramref name="bytes"/>; diagnostics name <paramref name="file"/>.</summary>
    public static PolicyLoadResult Load(string file, byte[] bytes)
    {
        var sha = SHA256.HashData(bytes);
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new PolicyLoadResult(null, [new Diagnostic(file, SourcePosition.FileStart, "the policy is not valid UTF-8")]);
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            // A byte order mark is not text: dropping it keeps line 1's columns as an editor shows them.
            text = text[1..];
        }

        var loader = new PolicyLoader(new SourceText(file, text));
        var document = loader.LoadDocument(sha);
        return new PolicyLoadResult(loader._diagnostics.Count == 0 ? document : null, loader._diagnostics);
    }

    private PolicyDocument? LoadDocument(byte[] sha)
    {
        var root = YamlTreeReader.Read(_source, _diagnostics);
        if (root is null)
        {
            return null;
        }

        var top = Mapping(root, "policy", s_topKeys);
        if (top is null)
        {
            return null;
        }

        if (Required(top, root, "policy", "version") is { } versionNode)
        {
            Int(versionNode, "version", 1, 1);
        }

        var name = Required(top, root, "policy", "name") is { } nameNode ? String(nameNode, "name") : null;
        if (name is not null && !IsPolicyName(name))
        {
            Error(top["name"], $"policy name `{name}` must match [A-Za-z0-9._-]+");
        }

        var version = Required(top, root, "policy", "policy_version") is { } pv ? String(pv, "policy_version") : null;
        var description = top.TryGetValue("description", out var d) ? String(d, "description") ?? "" : "";

        var ids = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        var rules = top.TryGetValue("rules", out var r) ? RuleList(r, "rules", RuleAction.Mask, ids) : [];
        var envVars = top.TryGetValue("env_vars", out var e) ? EnvVarList(e, ids) : [];
        var holds = top.TryGetValue("hold", out var h) ? RuleList(h, "hold", RuleAction.Hold, ids) : [];
        var fallback = top.TryGetValue("fallback", out var f) ? Fallback(f, ids) : null;
        var tests = top.TryGetValue("tests", out var t) ? TestList(t) : [];
        CheckExpectedHolds(tests, rules, holds, fallback);

        if (name is null || version is null)
        {
            return null;
        }

        return new PolicyDocument
        {
            File = _source.File,
            SourceSha256 = sha,
            Name = name,
            PolicyVersion = version,
            Description = description,
            Rules = rules,
            EnvVars = envVars,
            HoldRules = holds,
            Fallback = fallback,
            Tests = tests,
        };
    }

    private void CheckExpectedHolds(IReadOnlyList<PolicyTestCase> tests, IReadOnlyList<PolicyRule> rules,
        IReadOnlyList<PolicyRule> holds, FallbackSpec? fallback)
    {
        var holdIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (rule.Action == RuleAction.Hold)
            {
                holdIds.Add(rule.Id);
            }
        }

        foreach (var rule in holds)
        {
            holdIds.Add(rule.Id);
        }

        if (fallback is { Action: RuleAction.Hold })
        {
            holdIds.Add(GeneratedRules.FallbackId);
        }

        foreach (var test in tests)
        {
            foreach (var id in test.ExpectHold ?? [])
            {
                if (!holdIds.Contains(id))
                {
                    _diagnostics.Add(new Diagnostic(_source.File, test.Position,
                        $"{test.DisplayName}: expect_hold names `{id}`, which is not a rule with action hold"));
                }
            }
        }
    }

    private static bool IsPolicyName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="id"/> matches <c>[a-z0-9][a-z0-9._-]*</c>.</summary>
    internal static bool IsRuleId(string id)
    {
        if (id.Length == 0 || !(char.IsAsciiLetterLower(id[0]) || char.IsAsciiDigit(id[0])))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
