using Hush.PolicyCompiler.Analysis;
using Hush.PolicyCompiler.Syntax;
using Hush.PolicyCompiler.Tests.Syntax;
using Xunit.Abstractions;

namespace Hush.PolicyCompiler.Tests.Analysis;

public sealed class CorpusAnalysisTests(ITestOutputHelper output)
{
    [Fact]
    public void Analyze_EveryParsedCorpusRule()
    {
        int analyzed = 0, alwaysOn = 0, unboundedWithoutMax = 0, prefixZero = 0;
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

            var group = rule.SecretGroup >= 0 ? rule.SecretGroup : Math.Min(parsed.GroupCount, 1);
            var a = RuleAnalyzer.Analyze(parsed, group, 512);
            analyzed++;
            Assert.InRange(a.MinMatchLength, 1, a.MaxMatchLength);
            Assert.InRange(a.MaxSecretLength, 1, a.MaxMatchLength);
            Assert.InRange(a.Prefilter.MaxPrefix, 0, LiteralExtractor.MaxPrefixLimit);
            Assert.InRange(a.Prefilter.Literals.Length, 0, LiteralExtractor.MaxLiterals);
            Assert.InRange(a.Prefilter.LookBack, 0, Math.Min(a.Prefilter.MaxPrefix, LiteralExtractor.MaxLookBack));
            Assert.All(a.Prefilter.Literals, l => Assert.True(l.Length >= 2 && !l.Any(b => b is >= (byte)'A' and <= (byte)'Z'), "literal is short or not lower-cased"));
            alwaysOn += a.Prefilter.AlwaysOn ? 1 : 0;
            prefixZero += !a.Prefilter.AlwaysOn && a.Prefilter.MaxPrefix == 0 ? 1 : 0;
            try
            {
                RuleAnalyzer.Analyze(parsed, group, null);
            }
            catch (RuleAnalysisException e) when (e.Message.StartsWith("pattern is unbounded", StringComparison.Ordinal))
            {
                unboundedWithoutMax++;
            }
        }

        output.WriteLine($"analyzed {analyzed}, always-on {alwaysOn}, literal at prefix 0 {prefixZero}, unbounded without max_length {unboundedWithoutMax}");
        Assert.Equal(1157, analyzed);
        Assert.True(alwaysOn <= 21, $"{alwaysOn} rules always on");
    }

    [Fact]
    public void Analyze_GitleaksGenericKeywordRules_UseTheKeyword()
    {
        var rule = CorpusRules.All.Single(r => r.Id == "adafruit-api-key");
        var a = RuleAnalyzer.Analyze(RegexParser.Parse(rule.Pattern), 1, null);
        Assert.Equal(["adafruit"], a.Prefilter.Literals.Select(System.Text.Encoding.Latin1.GetString));
        Assert.Equal(0, a.Prefilter.MaxPrefix);
    }
}
