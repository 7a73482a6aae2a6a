using System.Text;
using System.Text.RegularExpressions;
using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Analysis;
using Hush.PolicyCompiler.Automata;
using Hush.PolicyCompiler.Syntax;

namespace Hush.Fuzz.Targets;

/// <summary>
/// <c>regex</c>: the input (UTF-8, invalid bytes replaced) is a rule pattern taken through the compiler's own pipeline,
/// parse → analyse → NFA → DFA, and the resulting rule is run by the matcher over a sample text.
/// </summary>
/// <remarks>
/// Allowed: success, or the three diagnostic exceptions the compiler turns into <c>file:line:col: error</c> lines
/// (<see cref="RegexSyntaxException"/>, <see cref="RuleAnalysisException"/>, <see cref="AutomatonBudgetException"/>),
/// whose offset must lie inside the pattern. The emitted confirm pattern must be a valid .NET regex (the runtime
/// compiles it when it loads the artifact), and the rule's masking must not depend on chunk boundaries.
/// The budget is smaller than hushc's default so one execution stays in the milliseconds.
/// </remarks>
internal sealed class RegexTarget : IFuzzTarget
{
    private static readonly AutomatonBudget s_budget = new(MaxDfaStates: 1024, MaxNfaStates: 20_000);

    /// <summary>The <c>max_length</c> given to unbounded patterns, as a policy author would.</summary>
    private const int MaxLength = 200;

    /// <inheritdoc />
    public string Name => "regex";

    /// <inheritdoc />
    public int MaxInputLength => 4096;

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        var pattern = Encoding.UTF8.GetString(input);
        ParsedPattern parsed;
        try
        {
            parsed = RegexParser.Parse(pattern);
        }
        catch (RegexSyntaxException e)
        {
            CheckOffset(e.Offset, pattern, "RegexSyntaxException");
            return;
        }

        // The secret is the first group when there is one, as in most real rules; else the whole match.
        var secret = parsed.GroupCount > 0 ? 1 : 0;
        AnalyzedPattern analyzed;
        try
        {
            analyzed = RuleAnalyzer.Analyze(parsed, secret, MaxLength);
        }
        catch (RuleAnalysisException e)
        {
            CheckOffset(e.Offset, pattern, "RuleAnalysisException");
            return;
        }

        RuleAutomaton automaton;
        try
        {
            automaton = RuleAutomatonBuilder.Build(analyzed.Root, analyzed.SecretGroup, s_budget);
        }
        catch (AutomatonBudgetException)
        {
            return;
        }

        CheckConfirmPattern(analyzed.ConfirmPattern);
        var rule = new CompiledRule
        {
            Id = "fuzz",
            ConfirmPattern = analyzed.ConfirmPattern,
            SecretGroup = analyzed.ConfirmSecretGroup,
            MaxMatchLength = analyzed.MaxMatchLength,
            MaxSecretLength = analyzed.MaxSecretLength,
            Automaton = automaton.Dfa,
            ExactAutomaton = automaton.Exact,
            Prefilter = analyzed.Prefilter,
        };
        var policy = new CompiledPolicy { Name = "fuzz", Version = "1", SourceSha256 = new byte[32], Rules = [rule] };
        var matcher = new PolicyMatcher(policy, RuleDirection.Response, FuzzPolicies.ConfirmTimeout);

        // The pattern's own bytes are the likeliest text to contain its literals; the sample adds ordinary text.
        var text = new byte[input.Length + FuzzPolicies.SampleText.Length];
        input.CopyTo(text);
        FuzzPolicies.SampleText.CopyTo(text.AsSpan(input.Length));
        StreamingOracle.Check(matcher, text, [1, 7, 64]);
    }

    private static void CheckOffset(int offset, string pattern, string kind)
    {
        if (offset < 0 || offset > pattern.Length)
        {
            throw new FuzzOracleException($"{kind} offset {offset} outside the pattern (length {pattern.Length})");
        }
    }

    private static void CheckConfirmPattern(string confirm)
    {
        try
        {
            _ = new Regex(confirm, RegexOptions.CultureInvariant, FuzzPolicies.ConfirmTimeout);
        }
        catch (ArgumentException e)
        {
            throw new FuzzOracleException($"the emitted confirm pattern is not a valid .NET regex: {e.Message}");
        }
    }
}
