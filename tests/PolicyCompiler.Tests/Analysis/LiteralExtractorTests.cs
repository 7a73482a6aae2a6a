using System.Text;
using Hush.PolicyCompiler.Analysis;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Tests.Analysis;

public sealed class LiteralExtractorTests
{
    private static (string[] Literals, int MaxPrefix) Prefilter(string pattern, int secret = 0)
    {
        var a = RuleAnalyzer.Analyze(RegexParser.Parse(pattern), secret, 200);
        return ([.. a.Prefilter.Literals.Select(Encoding.Latin1.GetString)], a.Prefilter.MaxPrefix);
    }

    [Theory]
    [InlineData("(?:AKIA|ASIA)[A-Z0-9]{16}", 0, "akia,asia", 0)]
    [InlineData(@"\b((?:AKIA|ASIA)[A-Z0-9]{16})\b", 1, "akia,asia", 0)]
    [InlineData(@"\b(ghp_[A-Za-z0-9]{36})\b", 1, "ghp_", 0)]
    [InlineData("(?:ghp|gho|ghu)_[A-Za-z0-9]{36}", 0, "gho_,ghp_,ghu_", 0)]
    [InlineData("(?i)xox[bp]-[0-9]{10}", 0, "xoxb-,xoxp-", 0)]
    [InlineData("(?i)(?:api|secret)_key=([a-z0-9]{32})", 1, "api_key=,secret_key=", 0)]
    [InlineData("[0-9]{3}abc([a-z]{5})", 1, "abc", 3)]
    [InlineData("key\\s{0,4}=\\s{0,4}([a-z]{10})", 1, "key", 0)]
    [InlineData("x=([a-z]{5})", 1, "x=", 0)]
    [InlineData("(?:-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----)", 0, "-----beg", 0)]
    [InlineData("(?:foo[0-9]{4}|barbaz)", 0, "barbaz,foo", 0)]
    [InlineData("é{2}x[a-z]{4}", 0, "\u00C3\u00A9\u00C3\u00A9x", 0)]
    [InlineData("(?i:client[_-]?secret)=([a-z]{9})", 1, "client-se,client_se,clientse", 0)]
    [InlineData("aws-?key=([a-z]{9})", 1, "aws-key=,awskey=", 0)]
    [InlineData("ab(?:c|d){0,2}e", 0, "abcce,abcde,abce,abdce,abdde,abde,abe", 0)]
    public void Extract_FindsRequiredLiterals(string pattern, int secret, string literals, int maxPrefix)
    {
        var (actual, prefix) = Prefilter(pattern, secret);
        Assert.Equal((literals, maxPrefix), (string.Join(",", actual), prefix));
    }

    [Theory]
    [InlineData("a[A-Za-z]{5}", 0)]
    [InlineData("[a-z]{300}key([0-9]{4})", 1)]
    [InlineData("[a-z]{66}token", 0)]
    [InlineData("([a-z]{40}[_-][a-z]{30})_mmk", 1)]
    [InlineData("[a-z]{10}[0-9]{4}", 0)]
    public void Extract_AlwaysOnWhenNoLiteralHasBoundedLookBack(string pattern, int secret) =>
        Assert.Empty(Prefilter(pattern, secret).Literals);

    [Fact]
    public void Extract_LiteralBeforeSecret_HasNoLookBack()
    {
        var a = RuleAnalyzer.Analyze(RegexParser.Parse("[0-9]{3}abc([a-z]{5})"), 1, 200);
        Assert.Equal(0, a.Prefilter.LookBack);
        Assert.All(a.Prefilter.LookBackBytes, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Extract_OptionalFirstElement_DoesNotStartTheLiteral()
    {
        // Starting at the optional group would offer "https://", which every URL contains.
        var (literals, prefix) = Prefilter("(?:https?://)?hooks\\.example\\.com/[a-z]{20}");
        Assert.DoesNotContain(literals, l => l.StartsWith("http", StringComparison.Ordinal));
        Assert.All(literals, l => Assert.StartsWith("hooks", l, StringComparison.Ordinal));
        Assert.Equal(8, prefix);
    }

    [Fact]
    public void Extract_LargeOptionalRepeat_EndsTheRun()
    {
        // [a-z]{0,3} has 18,279 strings: the run stops before it, as it would at an unbounded repeat.
        var (literals, _) = Prefilter("token[a-z]{0,3}=([0-9]{8})", 1);
        Assert.Equal(["token"], literals);
    }

    [Fact]
    public void Extract_TooManyLiterals_FallsBackToShorterRun()
    {
        // [0-9]{2} after "ab" would give 100 strings: the run stops before that product.
        var (literals, _) = Prefilter("ab[0-9]{2}[a-z]+");
        Assert.InRange(literals.Length, 1, 10);
        Assert.All(literals, l => Assert.StartsWith("ab", l, StringComparison.Ordinal));
    }
}
