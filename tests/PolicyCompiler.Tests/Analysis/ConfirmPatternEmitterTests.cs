using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Hush.PolicyCompiler.Analysis;
using Hush.PolicyCompiler.Syntax;
using Hush.PolicyCompiler.Tests.Syntax;

namespace Hush.PolicyCompiler.Tests.Analysis;

public sealed class ConfirmPatternEmitterTests
{
    private static AnalyzedPattern Analyze(string pattern, int secret = 0) =>
        RuleAnalyzer.Analyze(RegexParser.Parse(pattern), secret, 64);

    [Theory]
    [InlineData("ab", "(?:[\\x61][\\x62])")]
    [InlineData("(?i)a", "[\\x41\\x61]")]
    [InlineData("x(y)", "(?:[\\x78](?:[\\x79]))")]
    [InlineData("[^a]", "[\\x00-\\x60\\x62-\\x7F\\x80-\\xFF]")]
    [InlineData("é", "(?:[\\xC3][\\xA9])")]
    [InlineData("a+?", "(?:[\\x61]){1,64}?")]
    [InlineData("a{2,5}", "(?:[\\x61]){2,5}")]
    [InlineData("^a$", "(?:\\A[\\x61]\\z)")]
    public void Emit_Shapes(string pattern, string expected) => Assert.Equal(expected, Analyze(pattern).ConfirmPattern);

    [Fact]
    public void Emit_OnlyTheSecretGroupCaptures()
    {
        var a = Analyze("(a)(b)(c)", secret: 2);
        Assert.Equal("(?:(?:[\\x61])([\\x62])(?:[\\x63]))", a.ConfirmPattern);
        Assert.Equal(1, a.ConfirmSecretGroup);
        Assert.Equal(1, new Regex(a.ConfirmPattern).GetGroupNumbers().Length - 1);
    }

    [Theory]
    [InlineData(@"\bab\b", "ab ab_ xab ab", "0,2|11,2")]
    [InlineData(@"\Bb", "ab b", "1,1")]
    [InlineData("(?m)^a$", "a\nba\na", "0,1|5,1")]
    [InlineData("a$", "a\na", "2,1")]
    [InlineData("^a", "a\na", "0,1")]
    [InlineData("(?s)a.b", "a\nb", "0,3")]
    [InlineData("a.b", "a\nb", "")]
    [InlineData("é+", "xééy", "1,4")]
    [InlineData("[^x]", "é", "0,1|1,1")]
    [InlineData("[é-ü]", "aëb", "1,2")]
    public void Emit_SemanticsOverBytes(string pattern, string input, string expected)
    {
        var regex = ConfirmOracle.Confirm(Analyze(pattern, 0));
        var actual = string.Join("|", regex.Matches(ConfirmOracle.AsBytes(input)).Select(m => $"{m.Index},{m.Length}"));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Emit_CompilesForEveryCorpusRule()
    {
        var compiled = 0;
        foreach (var rule in CorpusRules.All)
        {
            ParsedPattern parsed;
            try
            {
                parsed = RegexParser.Parse(rule.Pattern);
            }
            catch (RegexSyntaxException)
            {
                continue;
            }

            var a = RuleAnalyzer.Analyze(parsed, rule.SecretGroup >= 0 ? rule.SecretGroup : Math.Min(parsed.GroupCount, 1), 512);
            _ = ConfirmOracle.Confirm(a);
            compiled++;
        }

        Assert.Equal(1157, compiled);
    }

    private static readonly string[] s_propertyPatterns =
    [
        @"\b(ab[a-c]{2,4})\b",
        @"(?i)[\w.-]{0,10}?(?:key|tok)(?:[ \t\w.-]{0,5})[=:]{1,2}\s{0,3}([a-z0-9]{3,6})(?:[\s;]|$)",
        @"(?:AKIA|ASIA)[A-Z0-9]{4}",
        @"x(?:a|ab)(c|bcd)(d*)",
        @"(?m)^k=([^\s]{2,5})$",
        @"(a+?)(b{1,3}?)c",
        @"\B[ab]{2}(?P<s>c+)\B",
        @"(?s)k.{0,3}?(v)",
        @"(?i)(?-i:K)ey([a-c]+)",
        @"[^a-c]{2}(\d\D)\w\W",
    ];

    [Fact]
    public void Emit_AgreesWithDotNetOnRandomAsciiInput()
    {
        const string Alphabet = "abcdkeytoxyAKISBCK0123 \t=:;_.-\n";
        foreach (var pattern in s_propertyPatterns)
        {
            var parsed = RegexParser.Parse(pattern);
            var group = Math.Min(parsed.GroupCount, 1);
            var analyzed = RuleAnalyzer.Analyze(parsed, group, 16);
            var original = ConfirmOracle.Original(pattern);
            var confirm = ConfirmOracle.Confirm(analyzed);
            var key = ConfirmOracle.GroupKey(parsed, group);
            Gen.Char[Alphabet].Array[0, 40].Select(chars => new string(chars).TrimEnd('\n')).Sample(
                input => ConfirmOracle.Spans(original, input, key).SequenceEqual(ConfirmOracle.Spans(confirm, input, group == 0 ? "0" : "1")),
                iter: 3000);
        }
    }
}
