using System.Text.RegularExpressions;
using Hush.PolicyCompiler.Analysis;
using Hush.PolicyCompiler.Syntax;
using Hush.PolicyCompiler.Tests.Syntax;
using Xunit.Abstractions;

namespace Hush.PolicyCompiler.Tests.Analysis;

public sealed class CorpusConfirmTests(ITestOutputHelper output)
{
    [Fact]
    public void Confirm_AgreesWithDotNetOnCorpusExamples()
    {
        var compared = 0;
        var mismatches = new List<string>();
        var timeouts = new List<string>();
        foreach (var rule in CorpusRules.All.Where(r => r.Examples.Count > 0 && ConfirmOracle.IsTranslatable(r.Pattern)))
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

            var group = Math.Min(parsed.GroupCount, 1);
            var analyzed = RuleAnalyzer.Analyze(parsed, group, 4096);
            var original = ConfirmOracle.Original(rule.Pattern);
            var confirm = ConfirmOracle.Confirm(analyzed);
            var key = ConfirmOracle.GroupKey(parsed, group);
            foreach (var example in rule.Examples.Where(e => e.All(char.IsAscii) && !e.Contains('\v')).Select(e => e.TrimEnd('\n')))
            {
                List<(int, int, int)> expected, actual;
                try
                {
                    expected = ConfirmOracle.Spans(original, example, key);
                    actual = ConfirmOracle.Spans(confirm, example, group == 0 ? "0" : "1");
                }
                catch (RegexMatchTimeoutException e)
                {
                    // Backtracking blow-up in .NET on one side: not a disagreement, but listed.
                    timeouts.Add($"{rule.Id}: {(e.Pattern == confirm.ToString() ? "confirm" : "original")}");
                    continue;
                }

                compared++;
                if (!expected.SequenceEqual(actual))
                {
                    mismatches.Add($"{rule.Id}: {expected.Count} vs {actual.Count} matches");
                }
            }
        }

        output.WriteLine($"compared {compared}, timeouts {timeouts.Count}: {string.Join("; ", timeouts)}");
        Assert.True(compared > 1500, $"only {compared} examples compared");
        Assert.Empty(mismatches);
        Assert.True(timeouts.Count <= 3, string.Join("\n", timeouts));
    }

    [Fact]
    public void Confirm_AgreesWithDotNetOnGitleaksStyleInputs()
    {
        string[] inputs =
        [
            "adafruit_key = \"0123456789abcdef0123456789abcdef\"\n",
            "export ADOBE_TOKEN='0123456789abcdef0123456789abcdef';",
            "aws AKIAIOSFODNN7EXAMPLE and ASIA0123456789ABCDEF.",
            "ghp_0123456789abcdefghijklmnopqrstuvwxyz xoxb-123-456-abc",
            "{\"api_key\": \"abcdef0123456789abcdef0123456789\"}",
        ];
        var compared = 0;
        foreach (var rule in CorpusRules.All.Where(r => r.Source == "gitleaks" && ConfirmOracle.IsTranslatable(r.Pattern)))
        {
            var parsed = RegexParser.Parse(rule.Pattern);
            var group = rule.SecretGroup >= 0 ? rule.SecretGroup : Math.Min(parsed.GroupCount, 1);
            var analyzed = RuleAnalyzer.Analyze(parsed, group, 4096);
            var original = ConfirmOracle.Original(rule.Pattern);
            var confirm = ConfirmOracle.Confirm(analyzed);
            foreach (var input in inputs.Select(i => i.TrimEnd('\n')))
            {
                var expected = ConfirmOracle.Spans(original, input, ConfirmOracle.GroupKey(parsed, group));
                Assert.Equal(expected, ConfirmOracle.Spans(confirm, input, group == 0 ? "0" : "1"));
                compared++;
            }
        }

        Assert.True(compared > 1000, $"only {compared} comparisons");
    }
}
