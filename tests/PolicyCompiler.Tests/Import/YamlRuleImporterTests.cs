using Hush.PolicyCompiler.Import;

namespace Hush.PolicyCompiler.Tests.Import;

public sealed class YamlRuleImporterTests
{
    // Free-spacing pattern with comments, a '#' inside a class, trailing blanks and a quote.
    private const string NoseyParker = """
        rules:

        - name: Widget API Key
          id: np.widget.1
          pattern: |
            (?x)
            \b
            (wdg_ [a-z0-9]{30})   # the key itself, 'wdg_' prefix
            [^#a-z]?
            \b
          categories: [api, secret]
          examples:
          - 'WIDGET_KEY=wdg_abcdefghij0123456789abcdefghij'
          - |
              multi-line
              wdg_0123456789abcdefghij0123456789
          negative_examples:
          - 'wdg_short'

        - name: Widget Session
          id: np.widget.2
          pattern: 'wsess-[0-9a-f]{16}'
          examples:
          - 'wsess-0123456789abcdef'
          negative_examples:

        - name: Widget Legacy
          id: np.widget.3
          pattern: 'wleg-[0-9]{12}'
          non_examples:
          - 'wleg-1'
        """;

    private const string Kingfisher = """
        rules:
          - name: Gadget Token
            id: kingfisher.gadget.1
            pattern: |
              (?xi)
              \b
              (
                gdt_[a-z0-9]{24,}
              )
            min_entropy: 3.3
            confidence: medium
            examples:
              - gdt_abcdefghijklmnopqrstuvwxyz
            validation:
              type: Http
              content:
                request:
                  method: GET
                  url: https://example.invalid/
          - name: Gadget Org Id
            id: kingfisher.gadget.1
            pattern: '\bgorg-[0-9]{10}\b'
            min_entropy: 2
            visible: false
            examples:
              - gorg-0123456789
        """;

    private static ImportResult Import(string format, string text)
    {
        using var files = new TempRuleFiles();
        return RuleImporter.Import(format, [files.Write("rules.yml", text)]);
    }

    [Fact]
    public void Import_FreeSpacingPattern_RoundTripsExactly()
    {
        var view = new PolicyYamlView(Import("noseyparker", NoseyParker).PolicyYaml);

        const string Expected = "(?x)\n\\b\n(wdg_ [a-z0-9]{30})   # the key itself, 'wdg_' prefix\n[^#a-z]?\n\\b\n";
        Assert.Equal(Expected, view.Rule("np.widget.1").Scalar("pattern"));
    }

    [Fact]
    public void Import_FreeSpacingPattern_IsWrittenAsLiteralBlock()
    {
        string yaml = Import("noseyparker", NoseyParker).PolicyYaml;

        Assert.Contains("    pattern: |\n      (?x)\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_SecretGroup_OnlyWhenPatternCaptures()
    {
        var view = new PolicyYamlView(Import("noseyparker", NoseyParker).PolicyYaml);

        Assert.Equal("1", view.Rule("np.widget.1").Scalar("secret"));
        Assert.Null(view.Rule("np.widget.2").Scalar("secret"));
        Assert.Equal("Widget API Key", view.Rule("np.widget.1").Scalar("description"));
    }

    [Fact]
    public void Import_SeveralCaptureGroups_MasksWholeMatchAndWarns()
    {
        var result = Import("noseyparker", "rules:\n- name: Pair\n  id: np.pair.1\n  pattern: 'id=(\\w{8}) key=(\\w{32})'\n");

        Assert.Null(new PolicyYamlView(result.PolicyYaml).Rule("np.pair.1").Scalar("secret"));
        Assert.Contains(result.Warnings, w => w.Contains("2 capture groups; the whole match is the secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_Examples_AreReturnedNotWrittenIntoPolicy()
    {
        var result = Import("noseyparker", NoseyParker);

        Assert.Equal(
            [("np.widget.1", true), ("np.widget.1", true), ("np.widget.1", false), ("np.widget.2", true), ("np.widget.3", false)],
            result.Examples.Select(e => (e.RuleId, e.Positive)));
        Assert.Equal("multi-line\nwdg_0123456789abcdefghij0123456789\n", result.Examples[1].Text);
        Assert.EndsWith("rules.yml", result.Examples[0].SourceFile, StringComparison.Ordinal);
        Assert.DoesNotContain("tests:", result.PolicyYaml, StringComparison.Ordinal);
        Assert.DoesNotContain("WIDGET_KEY", result.PolicyYaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Kingfisher_MapsEntropyAndIgnoresValidation()
    {
        var result = Import("kingfisher", Kingfisher);
        var rule = new PolicyYamlView(result.PolicyYaml).Rule("kingfisher.gadget.1");

        Assert.Equal("3.3", rule.Scalar("min_entropy"));
        Assert.Equal("1024", rule.Scalar("max_length"));
        Assert.Equal("1", rule.Scalar("secret"));
        Assert.DoesNotContain("validation", rule.Keys);
        Assert.DoesNotContain("example.invalid", result.PolicyYaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_KingfisherDuplicateIdAndInvisibleRule_AreImportedWithWarnings()
    {
        var result = Import("kingfisher", Kingfisher);
        var view = new PolicyYamlView(result.PolicyYaml);

        Assert.Equal(["kingfisher.gadget.1", "kingfisher.gadget.1-2"], view.Rules.Select(r => r.Id));
        Assert.Null(view.Rule("kingfisher.gadget.1-2").Scalar("max_length"));
        Assert.Contains(result.Warnings, w => w.Contains("`visible: false`", StringComparison.Ordinal));
        Assert.Contains(result.Examples, e => e.RuleId == "kingfisher.gadget.1-2" && e.Text == "gorg-0123456789");
    }

    [Fact]
    public void Import_IdOutsideGrammar_IsSanitizedAndPrefixed()
    {
        var result = Import("noseyparker", "rules:\n- name: X\n  id: Weird ID/1\n  pattern: 'wx[0-9]{4}'\n");

        Assert.Equal("np.weird-id-1", new PolicyYamlView(result.PolicyYaml).Rules.Single().Id);
        Assert.Contains(result.Warnings, w => w.Contains("not in our id grammar", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_FileWithoutRules_ThrowsLocatedError()
    {
        var e = Assert.Throws<RuleImportException>(() => Import("noseyparker", "rulesets:\n- id: x\n"));

        Assert.Contains("no top-level `rules:`", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Import_MalformedYaml_ThrowsLocatedError()
    {
        var e = Assert.Throws<RuleImportException>(() => Import("kingfisher", "rules:\n  - id: a\n   pattern: [\n"));

        Assert.Contains("not valid YAML", e.Message, StringComparison.Ordinal);
        Assert.True(e.Line >= 2, $"line {e.Line}");
    }

    [Fact]
    public void Import_BadMinEntropy_ThrowsNamingRule()
    {
        var e = Assert.Throws<RuleImportException>(() =>
            Import("kingfisher", "rules:\n  - id: kingfisher.z.1\n    pattern: 'z[0-9]{4}'\n    min_entropy: high\n"));

        Assert.Contains("kingfisher.z.1: `min_entropy`", e.Message, StringComparison.Ordinal);
    }
}
