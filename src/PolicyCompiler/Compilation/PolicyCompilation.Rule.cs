using System.Diagnostics;
using System.Text;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Analysis;
using Hush.PolicyCompiler.Automata;
using Hush.PolicyCompiler.Policies;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Compilation;

/// <summary>Compiling one rule.</summary>
internal static partial class PolicyCompilation
{
    private static RuleOutcome CompileRule(string file, PolicyRule rule, CompilationOptions options)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return CompileRuleCore(file, rule, options, clock);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A compiler defect must still surface as one diagnostic line, never a stack trace.
            return RuleOutcome.Failed(new Diagnostic(file, rule.PatternPosition,
                $"{rule.Id}: internal compiler error: {e.Message}"));
        }
    }

    private static RuleOutcome CompileRuleCore(string file, PolicyRule rule, CompilationOptions options, Stopwatch clock)
    {
        ParsedPattern parsed;
        try
        {
            parsed = RegexParser.Parse(rule.Pattern);
        }
        catch (RegexSyntaxException e)
        {
            return RuleOutcome.Failed(AtPattern(file, rule, e.Offset, e.Message));
        }

        var diagnostics = new List<Diagnostic>();
        var secretGroup = SecretGroup(file, rule, parsed, diagnostics);
        var allowPatterns = AllowPatterns(file, rule, diagnostics);
        if (diagnostics.Count > 0)
        {
            return new RuleOutcome(null, null, diagnostics, false);
        }

        AnalyzedPattern analyzed;
        try
        {
            analyzed = RuleAnalyzer.Analyze(parsed, secretGroup, rule.MaxLength);
        }
        catch (RuleAnalysisException e)
        {
            return RuleOutcome.Failed(AtPattern(file, rule, e.Offset, e.Message));
        }

        RuleAutomaton automaton;
        try
        {
            var budget = new AutomatonBudget(options.MaxStates, options.MaxNfaStates);
            automaton = RuleAutomatonBuilder.Build(analyzed.Root, analyzed.SecretGroup, budget);
        }
        catch (AutomatonBudgetException e)
        {
            return RuleOutcome.Failed(new Diagnostic(file, rule.PatternPosition, $"{rule.Id}: {e.Message}"), overBudget: true);
        }

        var compiled = new CompiledRule
        {
            Id = rule.Id,
            Description = rule.Description,
            Action = rule.Action,
            Direction = rule.Direction,
            Replacement = rule.Replacement,
            Reason = rule.Reason,
            Approvers = [.. rule.Approvers],
            ConfirmPattern = analyzed.ConfirmPattern,
            SecretGroup = analyzed.ConfirmSecretGroup,
            MinEntropy = rule.MinEntropy,
            AllowLiterals = AllowLiterals(rule),
            AllowPatterns = allowPatterns,
            Keywords = [.. rule.Keywords],
            Validator = rule.Validator,
            MaxMatchLength = analyzed.MaxMatchLength,
            MaxSecretLength = analyzed.MaxSecretLength,
            Automaton = automaton.Dfa,
            ExactAutomaton = automaton.Exact,
            Prefilter = analyzed.Prefilter,
        };
        var literals = new List<string>(compiled.Prefilter.Literals.Length);
        foreach (var literal in compiled.Prefilter.Literals)
        {
            literals.Add(Encoding.Latin1.GetString(literal));
        }

        var stats = new RuleStats(rule.Id, automaton.NfaStates, automaton.DfaStates, automaton.Dfa.ClassCount,
            automaton.Exact, automaton.Relaxation, automaton.Dfa.MemoryBytes, compiled.MaxMatchLength, literals, clock.Elapsed);
        return new RuleOutcome(compiled, stats, [], false);
    }

    private static Diagnostic AtPattern(string file, PolicyRule rule, int offset, string message) =>
        new(file, rule.PatternMap?.PositionOf(offset) ?? rule.PatternPosition, $"{rule.Id}: {message}");

    /// <summary>Resolves <c>secret:</c> (a number or a group name) to a capture index; 0 is the whole match.</summary>
    private static int SecretGroup(string file, PolicyRule rule, ParsedPattern parsed, List<Diagnostic> diagnostics)
    {
        if (rule.SecretName is { } name)
        {
            if (parsed.GroupNames.TryGetValue(name, out var index))
            {
                return index;
            }

            diagnostics.Add(new Diagnostic(file, rule.SecretPosition, $"{rule.Id}: `secret`: the pattern has no group named `{name}`"));
            return 0;
        }

        var number = rule.SecretIndex ?? 0;
        if (number > parsed.GroupCount)
        {
            diagnostics.Add(new Diagnostic(file, rule.SecretPosition,
                $"{rule.Id}: `secret`: group {number} does not exist (the pattern has {parsed.GroupCount} capture group(s))"));
            return 0;
        }

        return number;
    }

    private static string[] AllowLiterals(PolicyRule rule)
    {
        var literals = new List<string>();
        foreach (var entry in rule.Allow)
        {
            if (!entry.IsRegex)
            {
                literals.Add(entry.Value);
            }
        }

        return [.. literals];
    }

    /// <summary>
    /// Checks allow regexes in the policy dialect (errors point inside them) and returns them for confirmation,
    /// which runs them with .NET over Latin-1, written by the same emitter as the rules' confirm patterns so that
    /// <c>\b \w $</c> and case folding mean exactly what they mean in the automata.
    /// </summary>
    private static string[] AllowPatterns(string file, PolicyRule rule, List<Diagnostic> diagnostics)
    {
        var patterns = new List<string>();
        foreach (var entry in rule.Allow)
        {
            if (!entry.IsRegex)
            {
                continue;
            }

            try
            {
                patterns.Add(ConfirmPatternEmitter.Emit(RegexParser.Parse(entry.Value).Root, secretGroup: 0));
            }
            catch (RegexSyntaxException e)
            {
                diagnostics.Add(new Diagnostic(file, entry.Map?.PositionOf(e.Offset) ?? rule.Position,
                    $"{rule.Id}: allow regex: {e.Message}"));
            }
        }

        return [.. patterns];
    }
}
