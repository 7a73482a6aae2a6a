using Hush.PolicyCompiler.Import;

namespace Hush.PolicyCompiler.Tests.Import;

public sealed class GitleaksImporterTests
{
    private const string Basic = """
        title = "test config"
        minVersion = "v9.1.0"

        [[rules]]
        id = "Acme Token"
        description = "Acme API token"
        regex = '''\b(acme_[a-z0-9]{32})\b'''
        entropy = 3
        keywords = ["acme_"]

        [[rules]]
        id = "acme-pair"
        description = "Acme key pair"
        regex = '''(?i)acme[_-]?id\s*=\s*([a-z0-9]{8})\s+acme[_-]?key\s*=\s*([a-z0-9]{40})'''
        secretGroup = 2
        entropy = 3.25
        keywords = ["acme"]

        [[rules]]
        id = "acme-keyfile"
        path = '''(?i)\.acmekey$'''
        """;

    private static ImportResult Import(string toml)
    {
        using var files = new TempRuleFiles();
        return RuleImporter.Import("gitleaks", [files.Write("gitleaks.toml", toml)]);
    }

    [Fact]
    public void Import_Rule_WritesIdPatternSecretEntropyKeywords()
    {
        var view = new PolicyYamlView(Import(Basic).PolicyYaml);

        var rule = view.Rule("gitleaks.acme-token");
        Assert.Equal(@"\b(acme_[a-z0-9]{32})\b", rule.Scalar("pattern"));
        Assert.Equal("1", rule.Scalar("secret"));
        Assert.Equal("3", rule.Scalar("min_entropy"));
        Assert.Equal(["acme_"], rule.Keywords);
        Assert.Equal("Acme API token", rule.Scalar("description"));
        Assert.Null(rule.Scalar("max_length"));
    }

    [Fact]
    public void Import_SecretGroup_IsUsedOverFirstGroup()
    {
        var rule = new PolicyYamlView(Import(Basic).PolicyYaml).Rule("gitleaks.acme-pair");

        Assert.Equal("2", rule.Scalar("secret"));
        Assert.Equal("3.25", rule.Scalar("min_entropy"));
        Assert.Equal("1024", rule.Scalar("max_length"));
    }

    [Fact]
    public void Import_PathOnlyRule_IsSkippedWithWarning()
    {
        var result = Import(Basic);
        var view = new PolicyYamlView(result.PolicyYaml);

        Assert.Equal(["gitleaks.acme-token", "gitleaks.acme-pair"], view.Rules.Select(r => r.Id));
        Assert.Contains(result.Warnings, w => w.Contains("acme-keyfile", StringComparison.Ordinal) && w.Contains("path-only", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_Header_HasNameVersionAndSnapshot()
    {
        var view = new PolicyYamlView(Import(Basic).PolicyYaml);

        Assert.Equal("1", view.Top("version"));
        Assert.Equal("gitleaks", view.Top("name"));
        Assert.StartsWith("gitleaks-v9.1.0+sha256.", view.Top("policy_version"), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_SameInput_GivesIdenticalText()
    {
        Assert.Equal(Import(Basic).PolicyYaml, Import(Basic).PolicyYaml);
    }

    [Fact]
    public void Import_ChangedInput_ChangesPolicyVersion()
    {
        var a = new PolicyYamlView(Import(Basic).PolicyYaml).Top("policy_version");
        var b = new PolicyYamlView(Import(Basic + "\n# changed\n").PolicyYaml).Top("policy_version");

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Import_RegexWithPath_KeepsRuleAndWarnsPathDropped()
    {
        var result = Import("""
            [[rules]]
            id = "tf-password"
            regex = '''password\s*=\s*"([^"]{8,64})"'''
            path = '''\.tf$'''
            """);

        Assert.Single(new PolicyYamlView(result.PolicyYaml).Rules);
        Assert.Contains(result.Warnings, w => w.Contains(@"path condition `\.tf$` dropped", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_KeywordsNotInEveryMatch_AreDroppedWithWarning()
    {
        var result = Import("""
            [[rules]]
            id = "fb"
            regex = '''\b(\d{15}\|[a-z0-9]{27})\b'''
            keywords = ["facebook"]
            """);

        Assert.Empty(new PolicyYamlView(result.PolicyYaml).Rule("gitleaks.fb").Keywords);
        Assert.Contains(result.Warnings, w => w.Contains("keywords [facebook] dropped", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_MultipleGroupsWithoutSecretGroup_MasksWholeMatchAndWarns()
    {
        var result = Import("""
            [[rules]]
            id = "two"
            regex = '''key=([a-z]{8})|token=([a-z]{9})'''
            """);

        Assert.Null(new PolicyYamlView(result.PolicyYaml).Rule("gitleaks.two").Scalar("secret"));
        Assert.Contains(result.Warnings, w => w.Contains("group 1 (of 2) does not take part in every match", StringComparison.Ordinal)
            && w.Contains("whole match", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_NestedGroupsAlwaysTakingPart_UseGroupOneWithoutWarning()
    {
        var result = Import("""
            [[rules]]
            id = "nested"
            regex = '''(?i)\b(\d{15}(\||%)[a-z]{27})(?:['"\s;]|$)'''
            """);

        Assert.Equal("1", new PolicyYamlView(result.PolicyYaml).Rule("gitleaks.nested").Scalar("secret"));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Import_UnboundedPemPattern_GetsBlockMaxLength()
    {
        var result = Import("""
            [[rules]]
            id = "pem"
            regex = '''-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----'''
            """);

        var rule = new PolicyYamlView(result.PolicyYaml).Rule("gitleaks.pem");
        Assert.Equal("8192", rule.Scalar("max_length"));
        Assert.Null(rule.Scalar("secret"));
    }

    [Fact]
    public void Import_DuplicateIds_AreMadeUnique()
    {
        var result = Import("""
            [[rules]]
            id = "dup"
            regex = '''aaa[0-9]{4}'''
            [[rules]]
            id = "dup"
            regex = '''bbb[0-9]{4}'''
            """);

        Assert.Equal(["gitleaks.dup", "gitleaks.dup-2"], new PolicyYamlView(result.PolicyYaml).Rules.Select(r => r.Id));
        Assert.Contains(result.Warnings, w => w.Contains("used twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_InvalidToml_ThrowsLocatedError()
    {
        var e = Assert.Throws<RuleImportException>(() => Import("[[rules]]\nid = \"x\nregex = 'y'\n"));

        Assert.EndsWith("gitleaks.toml", e.File, StringComparison.Ordinal);
        Assert.Contains(": error: not valid TOML", e.Message, StringComparison.Ordinal);
        Assert.True(e.Line >= 2, $"line {e.Line}");
    }

    [Fact]
    public void Import_WrongValueType_ThrowsNamingKey()
    {
        var e = Assert.Throws<RuleImportException>(() => Import("[[rules]]\nid = \"x\"\nregex = 5\n"));

        Assert.Contains("`regex` must be a string", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_UnknownFormat_Throws()
    {
        Assert.Throws<ArgumentException>(() => RuleImporter.Import("trufflehog", ["x.toml"]));
    }
}
