using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Analysis;
using Hush.PolicyCompiler.Automata;
using Hush.PolicyCompiler.Syntax;

namespace Hush.Policy.Tests.Matching;

/// <summary>Compiles test rules into a <see cref="CompiledPolicy"/> with the real parser, analyser and automaton builder.</summary>
internal static class TestPolicies
{
    public static CompiledPolicy Compile(params TestRule[] rules) => Compile(rules, new AutomatonBudget());

    public static CompiledPolicy Compile(IReadOnlyList<TestRule> rules, AutomatonBudget budget)
    {
        var compiled = new List<CompiledRule>(rules.Count);
        foreach (var rule in rules)
        {
            var parsed = RegexParser.Parse(rule.Pattern);
            var analyzed = RuleAnalyzer.Analyze(parsed, rule.Secret, rule.MaxLength);
            var automaton = RuleAutomatonBuilder.Build(analyzed.Root, analyzed.SecretGroup, budget);
            compiled.Add(new CompiledRule
            {
                Id = rule.Id,
                Action = rule.Action,
                Direction = rule.Direction,
                Replacement = rule.Replacement,
                ConfirmPattern = analyzed.ConfirmPattern,
                SecretGroup = analyzed.ConfirmSecretGroup,
                MinEntropy = rule.MinEntropy,
                AllowLiterals = rule.Allow,
                AllowPatterns = rule.AllowRegex,
                Keywords = rule.Keywords,
                Validator = rule.Validator,
                MaxMatchLength = analyzed.MaxMatchLength,
                MaxSecretLength = analyzed.MaxSecretLength,
                Automaton = automaton.Dfa,
                ExactAutomaton = automaton.Exact,
                Prefilter = analyzed.Prefilter,
            });
        }

        return new CompiledPolicy
        {
            Name = "test",
            Version = "1",
            SourceSha256 = new byte[32],
            Rules = compiled,
        };
    }

    public static PolicyMatcher Matcher(params TestRule[] rules) => new(Compile(rules), RuleDirection.Response);
}
