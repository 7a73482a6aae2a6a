using System.Text.RegularExpressions;
using CsCheck;
using Hush.Policy.Confirmation;
using Hush.PolicyCompiler.Analysis;
using Hush.PolicyCompiler.Syntax;

namespace Hush.Policy.Tests.Confirmation;

/// <summary>
/// The allocation-free secret search: splitting a confirm pattern around its secret group and finding the group's
/// span with two anchored searches must give exactly what <c>Regex.Match(…).Groups[1]</c> gives.
/// </summary>
public sealed class SecretGroupSplitTests
{
    /// <summary>RE2 patterns with a secret group, chosen for greedy/lazy choices that move the group's edges.</summary>
    private static readonly (string Pattern, int Group)[] s_patterns =
    [
        (@"(?i)key\s*[:=]\s*[""']?([a-z0-9=]{3,10})[""']?", 1),
        (@"a+?(b+)b*", 1),
        (@"[=\s]{0,5}([\w=]{3,10})(?:[\s;]|$)", 1),
        (@"\b(x[ab]*)(?:b|c)\b", 1),
        (@"(?:k|kk)(k+?)k", 1),
        (@"t(?:ok)?en(=)?([a-c]+|[b-d]{2,})z?", 2),
        (@"^(ab|a)(b*)$", 2),
    ];

    private static readonly Gen<string> s_text = Gen.String[Gen.Char["abckxyz =:;'\"\n\tKEYtoen0123"], 0, 40];

    [Fact]
    public void TrySplit_NestedConcatenation_RemovesEnclosingGroups()
    {
        var split = SecretGroupSplit.TrySplit("(?:[a](?:[b]([c]+)[d])[e])");
        Assert.NotNull(split);
        Assert.Equal(("[a][b]", "[c]+", "[d][e]"), (split.Prefix, split.Secret, split.Suffix));
    }

    [Theory]
    [InlineData("(?:[a]|([b]))")]
    [InlineData("(?:[a]([b]))+")]
    [InlineData("([a])*[b]")]
    [InlineData("[a][b]")]
    [InlineData("([a])([b])")]
    [InlineData("(?<n>[a])")]
    [InlineData("[a]|([b])")]
    [InlineData("(?:[a](?:[b]|[c]([d])))")]
    public void TrySplit_GroupNotOnAPlainPath_ReturnsNull(string pattern) =>
        Assert.Null(SecretGroupSplit.TrySplit(pattern));

    [Fact]
    public void TrySplit_ClassWithParenthesesAndEscapes_IsNotConfusedByThem()
    {
        var split = SecretGroupSplit.TrySplit(@"(?:[(|\]][\x28]([)a]+)\))");
        Assert.NotNull(split);
        Assert.Equal((@"[(|\]][\x28]", "[)a]+", @"\)"), (split.Prefix, split.Secret, split.Suffix));
    }

    [Fact]
    public void SplitSearch_EqualsMatchGroup_OnRandomText()
    {
        var cases = new List<(Regex Whole, Regex Start, Regex Secret)>();
        foreach (var (pattern, group) in s_patterns)
        {
            var analyzed = RuleAnalyzer.Analyze(RegexParser.Parse(pattern), group, 64);
            var split = SecretGroupSplit.TrySplit(analyzed.ConfirmPattern);
            Assert.NotNull(split);
            cases.Add((
                new Regex(@"\G(?:" + analyzed.ConfirmPattern + ")", RegexOptions.CultureInvariant),
                new Regex(split.StartPattern, RegexOptions.CultureInvariant),
                new Regex(split.SecretPattern, RegexOptions.CultureInvariant)));
        }

        s_text.Sample(text =>
        {
            foreach (var (whole, start, secret) in cases)
            {
                for (var p = 0; p <= text.Length; p++)
                {
                    var m = whole.Match(text, p);
                    if (!m.Success)
                    {
                        continue;
                    }

                    var prefix = start.Match(text, p);
                    Assert.True(prefix.Success && prefix.Index == p, $"no start match at {p} in '{text}' for {whole}");
                    var body = secret.Match(text, p + prefix.Length);
                    Assert.True(body.Success && body.Index == p + prefix.Length);
                    Assert.Equal((m.Groups[1].Index, m.Groups[1].Length), (body.Index, body.Length));
                }
            }
        }, iter: 400);
    }
}
