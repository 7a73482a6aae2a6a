using Hush.PolicyCompiler.Tests.Policies;

namespace Hush.PolicyCompiler.Tests.Compilation;

/// <summary>A regex error is reported at the construct's line and column inside the YAML file.</summary>
public sealed class RegexErrorPositionTests
{
    private static void AssertAt(string rules, string needle, int occurrence = 1)
    {
        var text = PolicyText.Header + "rules:\n" + rules;
        var d = Assert.Single(PolicyText.Problems(text));
        var expected = PolicyText.Find(text, needle, occurrence);
        Assert.Equal(expected, d.Position);
        Assert.StartsWith($"policy.yaml:{expected.Line}:{expected.Column}: error: my-rule: ", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_LookaheadPointsAtConstruct() =>
        AssertAt("  - id: my-rule\n    pattern: abc(?=x)\n", "(?=");

    [Fact]
    public void SingleQuoted_LookaheadPointsAtConstruct() =>
        AssertAt("  - id: my-rule\n    pattern: 'it''s(?=x)'\n", "(?=");

    [Fact]
    public void DoubleQuoted_LookaheadAfterEscapesPointsAtConstruct() =>
        AssertAt("  - id: my-rule\n    pattern: \"\\\\bkey\\t(?=x)\"\n", "(?=");

    [Fact]
    public void LiteralBlock_ErrorOnSecondLine() =>
        AssertAt("  - id: my-rule\n    pattern: |\n      (?x) abc\n        def (?<!x)\n    max_length: 10\n", "(?<!");

    [Fact]
    public void FoldedBlock_ErrorOnSecondLine() =>
        AssertAt("  - id: my-rule\n    pattern: >-\n      abc\n      de\\1\n", "\\1");

    [Fact]
    public void CrLfLineEnds_LiteralBlock_ErrorOnSecondLine()
    {
        var text = (PolicyText.Header + "rules:\n  - id: my-rule\n    pattern: |\n      abc\n      d(?=x)\n").Replace("\n", "\r\n", StringComparison.Ordinal);
        var d = Assert.Single(PolicyText.Problems(text));
        Assert.Equal(new Hush.PolicyCompiler.Policies.SourcePosition(8, 8), d.Position);
    }

    [Fact]
    public void UnclosedGroup_PointsInsideThePattern()
    {
        var text = PolicyText.Header + "rules:\n  - id: my-rule\n    pattern: 'ab(cd'\n";
        var d = Assert.Single(PolicyText.Problems(text));
        Assert.Equal(6, d.Position.Line);
        Assert.InRange(d.Position.Column, 14, 20);
    }

    [Fact]
    public void EmptyMatch_AnalysisErrorReportedWithRuleId()
    {
        var text = PolicyText.Header + "rules:\n  - id: my-rule\n    pattern: 'a*'\n    max_length: 4\n";
        var d = Assert.Single(PolicyText.Problems(text));
        Assert.Equal(6, d.Position.Line);
        Assert.StartsWith("my-rule: ", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowRegexError_PointsInsideAllowEntry()
    {
        var text = PolicyText.Header + "rules:\n  - id: my-rule\n    pattern: 'abc[0-9]{4}'\n    allow:\n      - regex: 'x(?=y)'\n";
        var d = Assert.Single(PolicyText.Problems(text));
        Assert.Equal(PolicyText.Find(text, "(?="), d.Position);
        Assert.StartsWith("my-rule: allow regex: ", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretGroup_OutOfRangeOrUnknownName_Reported()
    {
        var text = PolicyText.Header + "rules:\n  - id: a\n    pattern: 'x(y)'\n    secret: 2\n  - id: b\n    pattern: 'x(?P<s>y)'\n    secret: t\n";
        var messages = PolicyText.Problems(text).Select(d => d.ToString()).ToList();
        Assert.Equal(2, messages.Count);
        Assert.StartsWith("policy.yaml:7:13: error: a: `secret`: group 2 does not exist", messages[0], StringComparison.Ordinal);
        Assert.StartsWith("policy.yaml:10:13: error: b: `secret`: the pattern has no group named `t`", messages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsInSeveralRules_AllReportedInSourceOrder()
    {
        var text = PolicyText.Header + "rules:\n  - id: a\n    pattern: 'x(?=y)'\n  - id: b\n    pattern: 'ok[0-9]'\n  - id: c\n    pattern: 'x\\1'\n";
        var lines = PolicyText.Problems(text).Select(d => d.Position.Line).ToList();
        Assert.Equal([6, 10], lines);
    }
}
