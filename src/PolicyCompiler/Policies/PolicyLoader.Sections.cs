using Hush.Policy.Rules;

namespace Hush.PolicyCompiler.Policies;

/// <summary>Reading <c>env_vars:</c>, <c>fallback:</c> and <c>tests:</c>.</summary>
internal sealed partial class PolicyLoader
{
    private static readonly string[] s_envKeys = ["name", "min_entropy", "max_length", "direction"];

    private static readonly string[] s_fallbackKeys =
        ["action", "min_entropy", "min_length", "max_length", "keywords", "reason", "approvers", "direction"];

    private static readonly string[] s_testKeys = ["name", "input", "direction", "expect", "expect_hold"];

    private static readonly (string, RuleDirection)[] s_testDirections =
        [("request", RuleDirection.Request), ("response", RuleDirection.Response)];

    private List<EnvVarEntry> EnvVarList(YamlNodeBase node, Dictionary<string, SourcePosition> ids)
    {
        var result = new List<EnvVarEntry>();
        if (node is YamlScalar { IsNull: true })
        {
            return result;
        }

        if (node is not YamlSequence sequence)
        {
            Error(node, $"`env_vars`: expected a sequence, found {node.KindName}");
            return result;
        }

        foreach (var item in sequence.Items)
        {
            string? name;
            YamlNodeBase nameNode = item;
            var minEntropy = 0.0;
            var maxLength = EnvVarEntry.DefaultMaxLength;
            var direction = RuleDirection.Both;
            if (item is YamlMapping)
            {
                var map = Mapping(item, "env_vars entry", s_envKeys);
                if (map is null || Required(map, item, "env_vars entry", "name") is not { } n)
                {
                    continue;
                }

                nameNode = n;
                name = String(n, "name");
                minEntropy = map.TryGetValue("min_entropy", out var me) ? Double(me, "min_entropy", 0, 8) ?? 0 : 0;
                maxLength = map.TryGetValue("max_length", out var ml) ? Int(ml, "max_length", 1, 4096) ?? maxLength : maxLength;
                direction = map.TryGetValue("direction", out var dn) ? Enum(dn, "direction", s_directions) ?? direction : direction;
            }
            else
            {
                name = String(item, "env_vars");
            }

            if (name is null)
            {
                continue;
            }

            if (!IsEnvName(name))
            {
                Error(nameNode, $"env var name `{name}` must match [A-Za-z_][A-Za-z0-9_]*");
                continue;
            }

            var entry = new EnvVarEntry(name, minEntropy, maxLength, direction, PositionOf(nameNode));
            if (!ids.TryAdd(entry.RuleId, entry.Position))
            {
                Error(nameNode, $"{entry.RuleId}: duplicate id (first defined at {ids[entry.RuleId]})");
                continue;
            }

            result.Add(entry);
        }

        return result;
    }

    private FallbackSpec? Fallback(YamlNodeBase node, Dictionary<string, SourcePosition> ids)
    {
        const string Label = "fallback";
        var map = Mapping(node, Label, s_fallbackKeys);
        if (map is null)
        {
            return null;
        }

        var errorsBefore = _diagnostics.Count;
        _context = Label;
        var action = map.TryGetValue("action", out var an) ? Enum(an, "action", s_actions) ?? RuleAction.Mask : RuleAction.Mask;
        var spec = new FallbackSpec
        {
            Action = action,
            MinEntropy = map.TryGetValue("min_entropy", out var me) ? Double(me, "min_entropy", 0, 8) ?? 3.5 : 3.5,
            MinLength = map.TryGetValue("min_length", out var mi) ? Int(mi, "min_length", 1, 1024) ?? 16 : 16,
            MaxLength = map.TryGetValue("max_length", out var ma) ? Int(ma, "max_length", 1, 1024) ?? 128 : 128,
            Keywords = map.TryGetValue("keywords", out var kn) ? StringList(kn, "keywords") ?? [] : FallbackSpec.DefaultKeywords,
            Reason = map.TryGetValue("reason", out var rn) ? String(rn, "reason") ?? "" : "",
            Approvers = map.TryGetValue("approvers", out var apn) ? StringList(apn, "approvers") ?? [] : [],
            Direction = map.TryGetValue("direction", out var dn) ? Enum(dn, "direction", s_directions) ?? RuleDirection.Both : RuleDirection.Both,
            Position = PositionOf(node),
        };

        if (spec.MinLength > spec.MaxLength)
        {
            Error(ma ?? node, $"{Label}: `max_length` ({spec.MaxLength}) is below `min_length` ({spec.MinLength})");
        }

        if (kn is not null && spec.Keywords.Count == 0)
        {
            Error(kn, $"{Label}: `keywords` must not be empty (omit it for the built-in list)");
        }

        if (action == RuleAction.Hold && (spec.Reason.Length == 0 || spec.Approvers.Count == 0))
        {
            Error(node, $"{Label}: action hold requires `reason` and at least one of `approvers`");
        }

        if (!ids.TryAdd(GeneratedRules.FallbackId, spec.Position))
        {
            Error(node, $"{GeneratedRules.FallbackId}: duplicate id (first defined at {ids[GeneratedRules.FallbackId]})");
        }

        _context = null;
        return _diagnostics.Count == errorsBefore ? spec : null;
    }

    private List<PolicyTestCase> TestList(YamlNodeBase node)
    {
        var result = new List<PolicyTestCase>();
        if (node is YamlScalar { IsNull: true })
        {
            return result;
        }

        if (node is not YamlSequence sequence)
        {
            Error(node, $"`tests`: expected a sequence, found {node.KindName}");
            return result;
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            var label = $"tests[{i}]";
            var map = Mapping(item, label, s_testKeys);
            if (map is null)
            {
                continue;
            }

            var name = map.TryGetValue("name", out var nn) ? String(nn, "name") : null;
            label = name ?? label;
            _context = label;
            var input = Required(map, item, label, "input") is { } inNode ? String(inNode, "input") : null;
            var hasExpect = map.TryGetValue("expect", out var ex);
            var hasHold = map.TryGetValue("expect_hold", out var eh);
            if (hasExpect == hasHold)
            {
                Error(item, $"{label}: give exactly one of `expect` and `expect_hold`");
            }

            var test = new PolicyTestCase
            {
                Name = name,
                Input = input ?? "",
                Direction = map.TryGetValue("direction", out var dn)
                    ? Enum(dn, "direction", s_testDirections) ?? RuleDirection.Response
                    : RuleDirection.Response,
                Expect = hasExpect ? ExpectText(ex!) : null,
                ExpectHold = hasHold ? StringList(eh!, "expect_hold") ?? [] : null,
                Position = PositionOf(item),
            };
            if (input is not null)
            {
                result.Add(test);
            }

            _context = null;
        }

        return result;
    }

    /// <summary>An expected output; an empty plain value means the empty string here, not null.</summary>
    private string? ExpectText(YamlNodeBase node) =>
        node is YamlScalar scalar ? scalar.Value : String(node, "expect");

    private static bool IsEnvName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
