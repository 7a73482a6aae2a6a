using System.Text;
using Hush.PolicyCompiler.Policies;
using Hush.PolicyCompiler.Syntax;
using Hush.PolicyCompiler.Tests.Policies;

namespace Hush.PolicyCompiler.Tests.Fuzz;

/// <summary>
/// Deep nesting is a diagnostic, never a stack overflow (which kills hushc or the service with no message and cannot
/// be caught): found while fuzzing, see docs/fuzzing.md. Before the limits, 20,000 nested regex groups or 50,000
/// nested YAML brackets crashed <c>hushc check</c> with "Stack overflow".
/// </summary>
public sealed class NestingLimitTests
{
    private const int Pathological = 100_000;

    [Theory]
    [InlineData("(", ")")]
    [InlineData("(?:", ")")]
    [InlineData("(?i:", ")")]
    [InlineData("(?s:", ")")]
    public void RegexParser_NestingBeyondLimit_IsSyntaxErrorAtTheDeepGroup(string open, string close)
    {
        var pattern = Repeat(open, Pathological) + "ab" + Repeat(close, Pathological);

        var e = Assert.Throws<RegexSyntaxException>(() => RegexParser.Parse(pattern));

        Assert.Contains($"more than {RegexParser.MaxNestingDepth} levels", e.Message, StringComparison.Ordinal);
        Assert.Equal(open.Length * RegexParser.MaxNestingDepth, e.Offset);
    }

    [Theory]
    [InlineData("(?:", ")")]
    [InlineData("(b|", ")")]
    [InlineData("(?:x|", ")")]
    public void PolicyCompilation_NestingAtLimit_CompilesAndMasks(string open, string close)
    {
        var pattern = Repeat(open, RegexParser.MaxNestingDepth) + "ab" + Repeat(close, RegexParser.MaxNestingDepth);

        var policy = PolicyText.Compile(PolicyText.Header + $"rules:\n  - id: deep\n    pattern: '{pattern}'\n");

        var masked = new Hush.Policy.Matching.PolicyMatcher(policy, Hush.Policy.Rules.RuleDirection.Response)
            .MaskAll("zz ab zz"u8);
        Assert.Equal("zz [MASKED:deep] zz", Encoding.UTF8.GetString(masked));
    }

    [Fact]
    public void PolicyCompilation_PatternNestingBeyondLimit_IsOneDiagnostic()
    {
        var pattern = Repeat("(?:", Pathological) + "ab" + Repeat(")", Pathological);

        var problems = PolicyText.Problems(PolicyText.Header + $"rules:\n  - id: deep\n    pattern: '{pattern}'\n");

        var problem = Assert.Single(problems);
        Assert.Contains("deep: groups nest more than", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public void PolicyLoader_YamlNestingBeyondLimit_IsDiagnostic(string open, string close)
    {
        var nested = open == "- " ? BlockSequences(Pathological / 100) : Repeat(open, Pathological) + "1" + Repeat(close, Pathological);

        var result = PolicyText.Load(PolicyText.Header + "rules: " + nested + "\n");

        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains($"nests more than {YamlTreeReader.MaxDepth} levels", StringComparison.Ordinal));
    }

    [Fact]
    public void PolicyLoader_YamlNestingAtLimit_ReachesSchemaCheck()
    {
        // Top mapping, then rules' value nested to exactly the limit: the schema, not the depth cap, rejects it.
        var depth = YamlTreeReader.MaxDepth - 1;
        var result = PolicyText.Load(PolicyText.Header + "rules: " + Repeat("[", depth) + Repeat("]", depth) + "\n");

        var problem = Assert.Single(result.Diagnostics);
        Assert.Contains("expected a mapping", problem.Message, StringComparison.Ordinal);
    }

    private static string Repeat(string s, int count) => new StringBuilder(s.Length * count).Insert(0, s, count).ToString();

    /// <summary>Block-style sequences nested <paramref name="depth"/> deep (each level indented by two more).</summary>
    private static string BlockSequences(int depth)
    {
        var text = new StringBuilder("\n");
        for (var i = 0; i < depth; i++)
        {
            text.Append(' ', 2 * (i + 1)).Append("- ").Append('\n');
        }

        return text.ToString();
    }
}
