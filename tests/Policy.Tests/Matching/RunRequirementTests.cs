using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Hush.Policy.Matching;
using Hush.PolicyCompiler.Analysis;
using Hush.PolicyCompiler.Syntax;

namespace Hush.Policy.Tests.Matching;

/// <summary>The run every match of a literal-free rule contains, derived from its confirm pattern.</summary>
public sealed class RunRequirementTests
{
    /// <summary>gitleaks' sourcegraph-access-token: three alternatives, each with 40 hex digits in a row.</summary>
    internal const string Sourcegraph =
        @"(?i)\b(\b(sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40}|[a-fA-F0-9]{40})\b)(?:[\x60'""\s;]|\\[nr]|$)";

    private static RunRequirement? Analyze(string pattern, int secret = 0)
    {
        var analyzed = RuleAnalyzer.Analyze(RegexParser.Parse(pattern), secret, 200);
        return RunRequirement.Analyze(analyzed.ConfirmPattern, analyzed.MaxMatchLength);
    }

    private static string Members(bool[] set)
    {
        var sb = new StringBuilder();
        for (var b = 0; b < set.Length; b++)
        {
            if (set[b])
            {
                sb.Append((char)b);
            }
        }

        return sb.ToString();
    }

    [Fact]
    public void Analyze_BareHexRun_FindsHexSetAndLength()
    {
        var run = Analyze(@"\b[0-9a-f]{40}\b");
        Assert.NotNull(run);
        Assert.Equal(40, run.Length);
        Assert.Equal("0123456789abcdef", Members(run.Set));
    }

    [Fact]
    public void Analyze_Sourcegraph_EveryAlternativeHasFortyHexDigits()
    {
        var run = Analyze(Sourcegraph, 1);
        Assert.NotNull(run);
        Assert.Equal(40, run.Length);
        Assert.Equal("0123456789ABCDEFabcdef", Members(run.Set));
    }

    [Fact]
    public void Analyze_RunSplitAcrossGroupsAndRepeats_AddsUp()
    {
        // 10 + 3·4 + 6 digits with nothing else in between: 28.
        var run = Analyze(@"x[0-9]{10}(?:[0-9]{4}){3}(?:[0-9]{6})y");
        Assert.NotNull(run);
        Assert.Equal(28, run.Length);
    }

    [Theory]
    [InlineData(@"[a-f]{20}|[0-9]{30}")]
    [InlineData(@"\b[0-9a-f]{8}\b")]
    [InlineData(@"[0-9]{10}-[0-9]{10}")]
    [InlineData(@"[0-9]{0,40}x")]
    [InlineData(@"(?:[0-9]{12}x)+")]
    public void Analyze_NoLongGuaranteedRun_ReturnsNull(string pattern) => Assert.Null(Analyze(pattern));

    [Fact]
    public void Analyze_UnknownSyntax_ReturnsNull()
    {
        Assert.Null(RunRequirement.Analyze(@"(?<name>[\x30-\x39]{40})", 40));
        Assert.Null(RunRequirement.Analyze(@"\d{40}", 40));
        Assert.Null(RunRequirement.Analyze(@"[\x30-\x39]{40", 40));
    }

    [Fact]
    public void Analyze_EveryMatchContainsTheRun_OnRandomText()
    {
        string[] patterns =
        [
            @"\b[0-9a-f]{20}\b",
            @"(?:ab|[0-9]{3})[0-9a-f]{17}(?:[0-9]{2}|z)",
            @"[a-c]{5}(?:[a-c]{3}|[a-d]{2}[a-c]{9})[a-c]{8}",
            Sourcegraph,
        ];
        var cases = new List<(Regex Regex, RunRequirement Run)>();
        foreach (var pattern in patterns)
        {
            var analyzed = RuleAnalyzer.Analyze(RegexParser.Parse(pattern), 0, 200);
            var run = RunRequirement.Analyze(analyzed.ConfirmPattern, analyzed.MaxMatchLength);
            Assert.NotNull(run);
            cases.Add((new Regex(analyzed.ConfirmPattern, RegexOptions.CultureInvariant), run));
        }

        var text = Gen.OneOf(
                Gen.String[Gen.Char["0123456789abcdefz_ "], 0, 60],
                Gen.Const("sgp_"), Gen.Const("sgp_local_"), Gen.Const("ab"), Gen.Const("abcabcabcd"))
            .Array[0, 8].Select(string.Concat);
        text.Sample(t =>
        {
            foreach (var (regex, run) in cases)
            {
                foreach (Match m in regex.Matches(t))
                {
                    Assert.True(LongestRun(t.AsSpan(m.Index, m.Length), run.Set) >= run.Length, $"{regex} matched '{m.Value}'");
                }
            }
        }, iter: 400);
    }

    [Fact]
    public void MatcherRule_LiteralFreeRuleWithRun_IsNotAlwaysOn()
    {
        var matcher = TestPolicies.Matcher(new TestRule("hex40", @"\b[0-9a-f]{40}\b"), new TestRule("short", @"\b[0-9a-f]{8}\b"));
        Assert.Equal(new[] { 0 }, matcher.RunRules);
        Assert.Equal(new[] { 1 }, matcher.AlwaysOnRules);
        Assert.False(matcher.Rules[0].AlwaysOn);
        Assert.Equal(matcher.Rules[0].MaxMatchLength - 40, matcher.Rules[0].MaxPrefix);
    }

    private static int LongestRun(ReadOnlySpan<char> s, bool[] set)
    {
        int best = 0, current = 0;
        foreach (var c in s)
        {
            current = c < 256 && set[c] ? current + 1 : 0;
            best = Math.Max(best, current);
        }

        return best;
    }
}
