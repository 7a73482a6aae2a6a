using Hush.Policy.Rules;
using Hush.PolicyCompiler.Policies;

namespace Hush.PolicyCompiler.Tests.Policies;

public sealed class PolicyLoaderTests
{
    private const string Rule = "  - id: r1\n    pattern: 'abc[0-9]{4}'\n";

    [Fact]
    public void ValidPolicy_LoadsEverySection()
    {
        var doc = PolicyText.LoadValid(PolicyText.Header + """
            description: demo
            rules:
              - id: gh
                pattern: '\b(ghp_[A-Za-z0-9]{36})\b'
                secret: 1
                replacement: "ghp_[MASKED:{id}:{len}:{keep:4}]{{}}"
                keywords: [ghp_]
                min_entropy: 3.0
                allow: [EXAMPLE, {regex: '^x+$'}]
                validate: github_crc32
                direction: request
            env_vars:
              - AWS_SECRET_ACCESS_KEY
              - name: MY_TOKEN
                max_length: 64
            hold:
              - id: tf
                pattern: 'terraform destroy'
                reason: r
                approvers: [admins]
            fallback:
              action: hold
              reason: generic
              approvers: [sec]
            tests:
              - input: "x"
                expect: "x"
              - input: "terraform destroy"
                expect_hold: [tf, fallback.credential]
            """);
        Assert.Equal("test", doc.Name);
        var gh = Assert.Single(doc.Rules);
        Assert.Equal(1, gh.SecretIndex);
        Assert.Equal(ValidatorKind.GithubCrc32, gh.Validator);
        Assert.Equal(RuleDirection.Request, gh.Direction);
        Assert.Equal(["EXAMPLE", "^x+$"], gh.Allow.Select(a => a.Value));
        Assert.Equal([false, true], gh.Allow.Select(a => a.IsRegex));
        Assert.Equal(["AWS_SECRET_ACCESS_KEY", "MY_TOKEN"], doc.EnvVars.Select(e => e.Name));
        Assert.Equal(64, doc.EnvVars[1].MaxLength);
        Assert.Equal(RuleDirection.Response, Assert.Single(doc.HoldRules).Direction);
        Assert.Equal(RuleAction.Hold, doc.Fallback!.Action);
        Assert.Equal(["gh", "env.AWS_SECRET_ACCESS_KEY", "env.MY_TOKEN", "tf", "fallback.credential"], doc.AllRules().Select(r => r.Id));
        Assert.Equal(32, doc.SourceSha256.Length);
    }

    [Fact]
    public void UnknownKey_ReportedAtTheKey()
    {
        var text = PolicyText.Header + "rules:\n  - id: r1\n    pattern: abc\n    patern: abd\n";
        var d = Assert.Single(PolicyText.Load(text).Diagnostics);
        Assert.Equal(new SourcePosition(7, 5), d.Position);
        Assert.StartsWith("policy.yaml:7:5: error: r1: unknown key `patern`", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTopLevelKey_Reported()
    {
        var d = Assert.Single(PolicyText.Load(PolicyText.Header + "rulez: []\n").Diagnostics);
        Assert.Equal(new SourcePosition(4, 1), d.Position);
        Assert.Contains("unknown key `rulez`", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateIds_AcrossSections_ReportedAtSecond()
    {
        var text = PolicyText.Header + "rules:\n" + Rule + "hold:\n  - id: r1\n    pattern: x\n    reason: r\n    approvers: [a]\n";
        var d = Assert.Single(PolicyText.Load(text).Diagnostics);
        Assert.Equal(PolicyText.Find(text, "r1", 2), d.Position);
        Assert.Contains("duplicate id (first defined at 5:9)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPattern_ReportedAtTheRule()
    {
        var text = PolicyText.Header + "rules:\n  - id: r1\n    description: d\n";
        var d = Assert.Single(PolicyText.Load(text).Diagnostics);
        Assert.Equal(new SourcePosition(5, 5), d.Position);
        Assert.Equal("r1: missing required key `pattern`", d.Message);
    }

    [Fact]
    public void ManyProblems_AllReported()
    {
        var text = "version: 2\nname: 'bad name'\npolicy_version: \"1\"\nrules:\n" +
            "  - id: Upper\n    pattern: a\n    action: delete\n    max_length: many\n    min_entropy: 9\n" +
            "    replacement: '[{secret}]'\n  - pattern: b\n";
        var result = PolicyText.Load(text);
        Assert.Null(result.Document);
        var messages = result.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Equal(8, messages.Count);
        Assert.Contains("policy.yaml:1:10: error: `version`: must be 1, found 2", messages);
        Assert.Contains(messages, m => m.StartsWith("policy.yaml:2:7: error: policy name", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("policy.yaml:5:9: error: Upper: rule id must match", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("policy.yaml:7:13: error: Upper: `action`: invalid value `delete`", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("policy.yaml:8:17: error: Upper: `max_length`: expected an integer", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("policy.yaml:9:18: error: Upper: `min_entropy`: must be between 0 and 8", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("policy.yaml:10:20: error: Upper: replacement: unknown placeholder `{secret}`", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("policy.yaml:11:5: error: rules[1]: missing required key `id`", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingTopLevelKeys_Reported()
    {
        var messages = PolicyText.Load("rules: []\n").Diagnostics.Select(d => d.Message).ToList();
        Assert.Equal(3, messages.Count);
        Assert.All(["version", "name", "policy_version"], k => Assert.Contains($"policy: missing required key `{k}`", messages));
    }

    [Fact]
    public void WrongSectionType_Reported()
    {
        var d = Assert.Single(PolicyText.Load(PolicyText.Header + "rules: {a: 1}\n").Diagnostics);
        Assert.Equal("`rules`: expected a sequence of rules, found a mapping", d.Message);
    }

    [Fact]
    public void DuplicateYamlKey_Reported()
    {
        var d = Assert.Single(PolicyText.Load(PolicyText.Header + "name: again\n").Diagnostics);
        Assert.Equal(new SourcePosition(4, 1), d.Position);
        Assert.Equal("duplicate key `name`", d.Message);
    }

    [Fact]
    public void InvalidYaml_OneDiagnosticWithPosition()
    {
        var d = Assert.Single(PolicyText.Load("version: 1\nname: [unclosed\n").Diagnostics);
        Assert.StartsWith("invalid YAML", d.Message, StringComparison.Ordinal);
        Assert.True(d.Position.Line >= 2);
    }

    [Fact]
    public void EmptyFile_Reported() =>
        Assert.Equal("the policy is empty", Assert.Single(PolicyText.Load("").Diagnostics).Message);

    [Fact]
    public void TestCase_NeedsExactlyOneExpectation()
    {
        var text = PolicyText.Header + "tests:\n  - input: a\n  - input: b\n    expect: b\n    expect_hold: [x]\n";
        var messages = PolicyText.Load(text).Diagnostics.Select(d => d.Message).ToList();
        Assert.Contains("tests[0]: give exactly one of `expect` and `expect_hold`", messages);
        Assert.Contains("tests[1]: give exactly one of `expect` and `expect_hold`", messages);
    }

    [Fact]
    public void ExpectHold_UnknownRule_Reported()
    {
        var text = PolicyText.Header + "rules:\n" + Rule + "tests:\n  - input: a\n    expect_hold: [r1]\n";
        var d = Assert.Single(PolicyText.Load(text).Diagnostics);
        Assert.Contains("`r1`, which is not a rule with action hold", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HoldRule_WithoutReasonAndApprovers_Reported()
    {
        var text = PolicyText.Header + "hold:\n  - id: h\n    pattern: x\n";
        var messages = PolicyText.Load(text).Diagnostics.Select(d => d.Message).ToList();
        Assert.Equal(["h: missing required key `reason`", "h: missing required key `approvers`"], messages);
    }

    [Fact]
    public void EnvVar_BadNameAndDuplicate_Reported()
    {
        var text = PolicyText.Header + "env_vars:\n  - 1BAD\n  - OK\n  - name: OK\n";
        var messages = PolicyText.Load(text).Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Equal(2, messages.Count);
        Assert.StartsWith("policy.yaml:5:5: error: env var name `1BAD`", messages[0], StringComparison.Ordinal);
        Assert.StartsWith("policy.yaml:7:11: error: env.OK: duplicate id", messages[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{id}", true)]
    [InlineData("x{{y}}z{len}{keep:4}", true)]
    [InlineData("{keep:99}", false)]
    [InlineData("[MASKED:{id}:{hmac}]", true)]
    [InlineData("{hmac:8}{hmac:64}", true)]
    [InlineData("{hmac:4}", false)]
    [InlineData("{hmac:65}", false)]
    [InlineData("{hmac:x}", false)]
    [InlineData("{ID}", false)]
    [InlineData("a}b", false)]
    [InlineData("a{b", false)]
    public void ReplacementTemplate_Validated(string template, bool valid) =>
        Assert.Equal(valid, ReplacementTemplate.Problems(template).Count == 0);
}
