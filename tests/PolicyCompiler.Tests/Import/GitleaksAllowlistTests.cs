using Hush.PolicyCompiler.Import;

namespace Hush.PolicyCompiler.Tests.Import;

public sealed class GitleaksAllowlistTests
{
    private const string Config = """
        [allowlist]
        description = "global"
        paths = ['''vendor/''']
        regexes = ['''^\$\{[A-Z_]+\}$''']
        stopwords = ["placeholder"]

        [[rules]]
        id = "alpha"
        regex = '''alpha_([a-z0-9]{20})'''
        [[rules.allowlists]]
        regexes = ['''^x+$''', '''EXAMPLE''']
        stopwords = ["dummy", "sample"]

        [[rules]]
        id = "beta"
        regex = '''beta_([a-z0-9]{20})'''
        [[rules.allowlists]]
        regexTarget = "line"
        regexes = ['''import\s+beta''']
        [[rules.allowlists]]
        regexTarget = "match"
        regexes = ['''beta_test''']
        stopwords = ["fake"]
        [[rules.allowlists]]
        condition = "AND"
        paths = ['''\.md$''']
        regexes = ['''docs''']
        [[rules.allowlists]]
        paths = ['''testdata/''']
        commits = ["0123abcd"]

        [[rules]]
        id = "gamma"
        regex = '''gamma_([a-z0-9]{20})'''
        [rules.allowlist]
        condition = "AND"
        stopwords = ["only-one-criterion"]
        """;

    private static ImportResult Import()
    {
        using var files = new TempRuleFiles();
        return RuleImporter.Import("gitleaks", [files.Write("rules.toml", Config)]);
    }

    [Fact]
    public void Import_SecretAllowlist_BecomesLiteralsThenRegexesThenGlobal()
    {
        var rule = new PolicyYamlView(Import().PolicyYaml).Rule("gitleaks.alpha");

        Assert.Equal(
            ["dummy", "sample", "placeholder", "regex:^x+$", "regex:EXAMPLE", @"regex:^\$\{[A-Z_]+\}$"],
            rule.Allow);
    }

    [Fact]
    public void Import_LineAndMatchTargets_AreSkippedButStopwordsKept()
    {
        var result = Import();
        var rule = new PolicyYamlView(result.PolicyYaml).Rule("gitleaks.beta");

        Assert.Equal(["fake", "placeholder", @"regex:^\$\{[A-Z_]+\}$"], rule.Allow);
        Assert.Contains(result.Warnings, w => w.Contains("gitleaks.beta", StringComparison.Ordinal) && w.Contains("regexTarget `line` skipped", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("gitleaks.beta", StringComparison.Ordinal) && w.Contains("regexTarget `match` skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_AndConditionOverPathsAndRegexes_IsSkippedEntirely()
    {
        var result = Import();

        Assert.DoesNotContain("regex:docs", new PolicyYamlView(result.PolicyYaml).Rule("gitleaks.beta").Allow);
        Assert.Contains(result.Warnings, w => w.Contains("condition AND over regexes (regexTarget secret) + paths", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_PathsAndCommits_AreWarnedAbout()
    {
        var warnings = Import().Warnings;

        Assert.Contains(warnings, w => w.Contains("global", StringComparison.Ordinal) && w.Contains("1 path(s) skipped", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("1 commit(s) skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_AndConditionWithOneCriterion_IsImported()
    {
        var rule = new PolicyYamlView(Import().PolicyYaml).Rule("gitleaks.gamma");

        Assert.Equal(["only-one-criterion", "placeholder", @"regex:^\$\{[A-Z_]+\}$"], rule.Allow);
    }
}
