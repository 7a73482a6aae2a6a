using System.Text;
using Hush.PolicyCompiler.Analysis;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Tests.Analysis;

public sealed class RuleAnalyzerTests
{
    private static AnalyzedPattern Analyze(string pattern, int secret = 0, int? maxLength = null) =>
        RuleAnalyzer.Analyze(RegexParser.Parse(pattern), secret, maxLength);

    private static string[] Literals(AnalyzedPattern a) => [.. a.Prefilter.Literals.Select(Encoding.Latin1.GetString)];

    [Theory]
    [InlineData("abc", 3, 3)]
    [InlineData("a{2,5}", 2, 5)]
    [InlineData("(?:ab|c)d?", 1, 3)]
    [InlineData(@"\bé\b", 2, 2)]
    [InlineData("[a€]x", 2, 4)]
    [InlineData("(?s).{3}", 3, 3)]
    [InlineData("[^a]{4}", 4, 4)]
    public void Lengths_InBytes(string pattern, int min, int max)
    {
        var a = Analyze(pattern);
        Assert.Equal((min, max, max), (a.MinMatchLength, a.MaxMatchLength, a.MaxSecretLength));
    }

    [Fact]
    public void SecretLength_IsTheGroups()
    {
        var a = Analyze("key=([a-z]{8,20});", secret: 1);
        Assert.Equal((13, 25, 20), (a.MinMatchLength, a.MaxMatchLength, a.MaxSecretLength));
    }

    [Fact]
    public void Unbounded_WithoutMaxLength_NamesTheRepeat()
    {
        var e = Assert.Throws<RuleAnalysisException>(() => Analyze("ab[a-z]+c"));
        Assert.Equal((7, "pattern is unbounded (`+` at offset 7); set max_length"), (e.Offset, e.Message));
        e = Assert.Throws<RuleAnalysisException>(() => Analyze("x{3,}"));
        Assert.Equal("pattern is unbounded (`{3,}` at offset 1); set max_length", e.Message);
    }

    [Fact]
    public void Unbounded_WithMaxLength_IsCapped()
    {
        var a = Analyze("ab[a-z]+?c", maxLength: 100);
        var repeat = Assert.IsType<RepeatNode>(((ConcatNode)a.Root).Items[2]);
        Assert.Equal((1, 100, true), (repeat.Min, repeat.Max, repeat.Lazy));
        Assert.Equal(100, a.MaxMatchLength); // max_length bounds the whole match, not each repeat
        var b = Analyze("x{300,}", maxLength: 100);
        Assert.Equal(300, b.MaxMatchLength);
    }

    [Theory]
    [InlineData("a*b?", 0)]
    [InlineData(@"\b", 0)]
    [InlineData("(a|)", 1)]
    public void EmptyMatch_IsRejected(string pattern, int secret)
    {
        var e = Assert.Throws<RuleAnalysisException>(() => Analyze(pattern, secret, 10));
        Assert.Equal("pattern matches the empty string", e.Message);
    }

    [Fact]
    public void UnknownSecretGroup_IsRejected()
    {
        var e = Assert.Throws<RuleAnalysisException>(() => Analyze("(a)b", secret: 2));
        Assert.Equal("secret group 2 does not exist (the pattern has 1 capture groups)", e.Message);
    }

    [Fact]
    public void LeadingLazyContext_IsStrippedWhenSecretIsAGroup()
    {
        const string Pattern = @"(?i)[\w.-]{0,50}?(?:adafruit)(?:[ \t\w.-]{0,20})[\s'""]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'""\s=]{0,5}([a-z0-9_-]{32})(?:[\x60'""\s;]|\\[nr]|$)";
        var a = Analyze(Pattern, secret: 1);
        var first = ((ConcatNode)a.Root).Items[0];
        Assert.Equal(R("Aa"), Assert.IsType<CharSetNode>(first).Ranges);
        Assert.Equal(["adafruit"], Literals(a));
        Assert.Equal(0, a.Prefilter.MaxPrefix);
        Assert.Equal(1, a.ConfirmSecretGroup);

        // Nested behind a non-capturing group (gitleaks' okta rule) it is stripped too.
        var okta = Analyze(@"[\w.-]{0,50}?(?i:[\w.-]{0,50}?(?:(?-i:[Oo]kta|OKTA)))=(00[\w=\-]{40})", secret: 1);
        Assert.Equal(0, okta.Prefilter.MaxPrefix);
        Assert.Equal(["okta=00"], Literals(okta));
    }

    [Fact]
    public void LeadingContext_KeptWhenGreedyOrWholeMatchOrCapturing()
    {
        Assert.IsType<RepeatNode>(((ConcatNode)Analyze("[a-z]{0,5}key([0-9]{4})", secret: 1).Root).Items[0]);
        Assert.IsType<RepeatNode>(((ConcatNode)Analyze("[a-z]{0,5}?key[0-9]{4}").Root).Items[0]);
        Assert.IsType<RepeatNode>(((ConcatNode)Analyze("(?:(x)){0,5}?key([0-9]{4})", secret: 2).Root).Items[0]);
    }

    private static CodePointRange[] R(string pairs) =>
        [.. Enumerable.Range(0, pairs.Length).Select(i => new CodePointRange(pairs[i], pairs[i]))];
}
