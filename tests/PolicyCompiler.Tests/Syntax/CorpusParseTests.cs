using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Tests.Syntax;

public sealed class CorpusParseTests
{
    [Fact]
    public void Corpora_HaveAllPublicRules()
    {
        var counts = CorpusRules.All.GroupBy(r => r.Source).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(221, counts["gitleaks"]);
        Assert.Equal(189, counts["noseyparker"]);
        Assert.Equal(749, counts["kingfisher"]);
    }

    [Fact]
    public void RegexParser_ParsesEveryCorpusRule()
    {
        var failures = new List<string>();
        foreach (var rule in CorpusRules.All)
        {
            try
            {
                RegexParser.Parse(rule.Pattern);
            }
            catch (RegexSyntaxException e)
            {
                failures.Add($"{rule.Source}/{rule.Id} @{e.Offset}: {e.Message}");
            }
        }

        // Go (and so the dialect) caps repeat counts at 1000; these two Rust-syntax rules use `{20,1024}`.
        string[] expected =
        [
            "noseyparker/np.google.4 @28: invalid repeat count `{20,1024}` (counts go up to 1000, min ≤ max)",
            "kingfisher/kingfisher.google.4 @28: invalid repeat count `{20,1024}` (counts go up to 1000, min ≤ max)",
        ];
        Assert.Equal(expected, failures);
    }
}
