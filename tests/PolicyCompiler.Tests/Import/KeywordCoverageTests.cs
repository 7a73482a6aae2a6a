using Hush.PolicyCompiler.Import;

namespace Hush.PolicyCompiler.Tests.Import;

public sealed class KeywordCoverageTests
{
    [Theory]
    [InlineData(@"(?:ghu|ghs)_[a-z0-9]{36}", "ghu_,ghs_", true)]
    [InlineData(@"(?i)\bAKIA[0-9A-Z]{16}", "akia", true)]
    [InlineData(@"passw(?:or)?d\s*=", "passwd,password", true)]
    [InlineData(@"xox[pe]-[0-9]+", "xoxp-,xoxe-", true)]
    [InlineData(@"x?ghp_[a-z]{4}", "ghp_", true)]
    [InlineData(@"(?x) gh p_ # spaced out\n [a-z]{4}", "ghp_", true)]
    [InlineData(@"(?:tok|key)(?:en|s)=", "token,toks,keyen,keys", true)]
    [InlineData(@"(?:tok|key)(?:en|s)=", "token,tokes,keyen,keys", false)]
    [InlineData(@"(?:abc)+def", "abc", true)]
    [InlineData(@"abc{2}", "abcc", true)]
    [InlineData(@"foo|ghp_x", "ghp_", false)]
    [InlineData(@"(?:ghp_)?x", "ghp_", false)]
    [InlineData(@"\d{15}\|[a-z]{27}", "facebook", false)]
    [InlineData(@"hooks.slack.com/x", "hooks.slack.com", false)]
    [InlineData(@"a(?=b)", "a", false)]
    [InlineData(@"[^a]bc", "abc", false)]
    [InlineData(@"abc", "", false)]
    [InlineData(@"(abc", "abc", false)]
    public void IsImplied_ProvesOnlyWhatEveryMatchContains(string pattern, string keywords, bool expected)
    {
        string[] list = keywords.Length == 0 ? [] : keywords.Split(',');

        Assert.Equal(expected, KeywordCoverage.IsImplied(pattern.Replace(@"\n", "\n", StringComparison.Ordinal), list));
    }
}
