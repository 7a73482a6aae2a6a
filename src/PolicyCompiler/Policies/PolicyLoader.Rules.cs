using System.Globalization;
using Hush.Policy.Rules;

namespace Hush.PolicyCompiler.Policies;

/// <summary>Reading <c>rules:</c> and <c>hold:</c> entries.</summary>
internal sealed partial class PolicyLoader
{
    private static readonly string[] s_ruleKeys =
    [
        "id", "description", "pattern", "secret", "action", "replacement", "keywords", "min_entropy", "allow",
        "max_length", "validate", "direction",
    ];

    private static readonly string[] s_holdKeys =
    [
        "id", "description", "pattern", "secret", "reason", "approvers", "keywords", "min_entropy", "allow",
        "max_length", "direction",
    ];

    private static readonly (string, RuleAction)[] s_actions = [("mask", RuleAction.Mask), ("hold", RuleAction.Hold)];

    private static readonly (string, RuleDirection)[] s_directions =
        [("request", RuleDirection.Request), ("response", RuleDirection.Response), ("both", RuleDirection.Both)];

    private static readonly (string, ValidatorKind)[] s_validators =
        [("github_crc32", ValidatorKind.GithubCrc32), ("jwt", ValidatorKind.Jwt), ("luhn", ValidatorKind.Luhn)];

    private List<PolicyRule> RuleList(YamlNodeBase node, string section, RuleAction defaultAction,
        Dictionary<string, SourcePosition> ids)
    {
        var result = new List<PolicyRule>();
        if (node is YamlScalar { IsNull: true })
        {
            return result;
        }

        if (node is not YamlSequence sequence)
        {
            Error(node, $"`{section}`: expected a sequence of rules, found {node.KindName}");
            return result;
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            try
            {
                if (Rule(sequence.Items[i], $"{section}[{i}]", defaultAction, ids) is { } rule)
                {
                    result.Add(rule);
                }
            }
            finally
            {
                _context = null;
            }
        }

        return result;
    }

    private PolicyRule? Rule(YamlNodeBase node, string label, RuleAction defaultAction, Dictionary<string, SourcePosition> ids)
    {
        var isHoldSection = defaultAction == RuleAction.Hold;
        label = PeekId(node) ?? label;
        _context = label;
        var map = Mapping(node, label, isHoldSection ? s_holdKeys : s_ruleKeys);
        if (map is null)
        {
            return null;
        }

        var errorsBefore = _diagnostics.Count;
        string? id = null;
        if (Required(map, node, label, "id") is { } idNode && String(idNode, "id") is { } idText)
        {
            id = idText;
            label = idText;
            if (!IsRuleId(idText))
            {
                Error(idNode, $"{label}: rule id must match [a-z0-9][a-z0-9._-]*");
            }
            else if (!ids.TryAdd(idText, PositionOf(idNode)))
            {
                Error(idNode, $"{label}: duplicate id (first defined at {ids[idText]})");
            }
        }

        var patternNode = Required(map, node, label, "pattern");
        var pattern = patternNode is null ? null : String(patternNode, "pattern");
        if (pattern is { Length: 0 })
        {
            Error(patternNode!, $"{label}: `pattern` must not be empty");
        }

        int? secretIndex = null;
        string? secretName = null;
        if (map.TryGetValue("secret", out var secretNode))
        {
            if (secretNode is YamlScalar { IsPlain: true } s && int.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                secretIndex = n;
            }
            else if (String(secretNode, "secret") is { } nameText)
            {
                secretName = nameText;
            }
        }

        var action = defaultAction;
        if (!isHoldSection && map.TryGetValue("action", out var actionNode))
        {
            action = Enum(actionNode, "action", s_actions) ?? defaultAction;
        }

        var replacement = "[MASKED:{id}]";
        if (map.TryGetValue("replacement", out var replacementNode) && String(replacementNode, "replacement") is { } rep)
        {
            replacement = rep;
            CheckTemplate(label, (YamlScalar)replacementNode);
        }

        var reason = "";
        IReadOnlyList<string> approvers = [];
        if (isHoldSection)
        {
            reason = Required(map, node, label, "reason") is { } rn ? String(rn, "reason") ?? "" : "";
            if (Required(map, node, label, "approvers") is { } an && StringList(an, "approvers") is { } list)
            {
                if (list.Count == 0)
                {
                    Error(an, $"{label}: `approvers` needs at least one group");
                }

                approvers = list;
            }
        }

        var rule = new PolicyRule
        {
            Id = id ?? label,
            Origin = isHoldSection ? PolicyRuleOrigin.Hold : PolicyRuleOrigin.Rule,
            Position = PositionOf(node),
            Description = map.TryGetValue("description", out var dn) ? String(dn, "description") ?? "" : "",
            Pattern = pattern ?? "",
            PatternMap = (patternNode as YamlScalar)?.Map,
            PatternPosition = patternNode is null ? PositionOf(node) : PositionOf(patternNode),
            SecretIndex = secretIndex,
            SecretName = secretName,
            SecretPosition = secretNode is null ? PositionOf(node) : PositionOf(secretNode),
            Action = action,
            Replacement = replacement,
            Keywords = map.TryGetValue("keywords", out var kn) ? StringList(kn, "keywords") ?? [] : [],
            MinEntropy = map.TryGetValue("min_entropy", out var en) ? Double(en, "min_entropy", 0, 8) ?? 0 : 0,
            Allow = map.TryGetValue("allow", out var al) ? AllowList(al, label) : [],
            MaxLength = map.TryGetValue("max_length", out var ml) ? Int(ml, "max_length", 1, 1 << 20) : null,
            MaxLengthPosition = ml is null ? PositionOf(node) : PositionOf(ml),
            Validator = map.TryGetValue("validate", out var vn) ? Enum(vn, "validate", s_validators) ?? ValidatorKind.None : ValidatorKind.None,
            Direction = map.TryGetValue("direction", out var dirNode)
                ? Enum(dirNode, "direction", s_directions) ?? RuleDirection.Both
                : isHoldSection ? RuleDirection.Response : RuleDirection.Both,
            Reason = reason,
            Approvers = approvers,
        };
        return _diagnostics.Count == errorsBefore ? rule : null;
    }

    /// <summary>The rule's id text, if it has one, so every message about the rule can name it.</summary>
    private static string? PeekId(YamlNodeBase node)
    {
        if (node is YamlMapping mapping)
        {
            foreach (var (key, value) in mapping.Entries)
            {
                if (key.Value == "id" && value is YamlScalar { IsNull: false } id)
                {
                    return id.Value;
                }
            }
        }

        return null;
    }

    private List<PolicyAllowEntry> AllowList(YamlNodeBase node, string label)
    {
        var result = new List<PolicyAllowEntry>();
        if (node is not YamlSequence sequence)
        {
            Error(node, $"{label}: `allow`: expected a sequence, found {node.KindName}");
            return result;
        }

        foreach (var item in sequence.Items)
        {
            if (item is YamlMapping)
            {
                var map = Mapping(item, $"{label}: allow entry", ["regex"]);
                if (map is not null && Required(map, item, $"{label}: allow entry", "regex") is { } rx
                    && String(rx, "regex") is { } pattern)
                {
                    result.Add(new PolicyAllowEntry(pattern, IsRegex: true, (rx as YamlScalar)?.Map));
                }
            }
            else if (String(item, "allow") is { } literal)
            {
                if (literal.Length == 0)
                {
                    Error(item, $"{label}: allow literals must not be empty");
                }

                result.Add(new PolicyAllowEntry(literal, IsRegex: false, null));
            }
        }

        return result;
    }

    /// <summary>Reports each bad placeholder of a replacement template at its position inside the scalar.</summary>
    private void CheckTemplate(string label, YamlScalar scalar)
    {
        foreach (var (offset, message) in ReplacementTemplate.Problems(scalar.Value))
        {
            _diagnostics.Add(new Diagnostic(_source.File, scalar.Map.PositionOf(offset), $"{label}: {message}"));
        }
    }
}
