using System.Diagnostics;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Policies;

namespace Hush.PolicyCompiler.Compilation;

/// <summary>
/// Compiles a loaded policy: every rule goes parse → analyse → automaton, in parallel, and the results are placed
/// by index so the output (and therefore the artifact) is the same whatever the scheduling.
/// </summary>
internal static partial class PolicyCompilation
{
    /// <summary>Compiles <paramref name="doc"/>; on any problem the policy is null and every problem is reported.</summary>
    public static CompilationResult Compile(PolicyDocument doc, CompilationOptions options)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(options);
        var rules = doc.AllRules();
        var outcomes = new RuleOutcome?[rules.Count];
        var deadline = Stopwatch.StartNew();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        Parallel.For(0, rules.Count, parallel, i =>
        {
            // A rule not started before the deadline is reported rather than compiled, bounding wall time.
            outcomes[i] = deadline.Elapsed > options.Timeout
                ? RuleOutcome.Failed(new Diagnostic(doc.File, rules[i].PatternPosition,
                    $"{rules[i].Id}: not compiled: the compilation time limit of {options.Timeout.TotalSeconds:0}s was reached"))
                : CompileRule(doc.File, rules[i], options);
        });

        var diagnostics = new List<Diagnostic>();
        var compiled = new List<CompiledRule>(rules.Count);
        var stats = new List<RuleStats>(rules.Count);
        var overBudget = new List<string>();
        long tableBytes = 0;
        for (var i = 0; i < rules.Count; i++)
        {
            var outcome = outcomes[i]!;
            diagnostics.AddRange(outcome.Diagnostics);
            if (outcome.OverBudget)
            {
                overBudget.Add(rules[i].Id);
            }

            if (outcome.Rule is not null && outcome.Stats is not null)
            {
                compiled.Add(outcome.Rule);
                stats.Add(outcome.Stats);
                tableBytes += outcome.Stats.TableBytes;
            }
        }

        if (overBudget.Count > 0)
        {
            diagnostics.Add(new Diagnostic(doc.File, SourcePosition.FileStart,
                $"{overBudget.Count} rule(s) do not fit the automaton budget of {options.MaxStates} states: " +
                $"{string.Join(", ", overBudget)} (raise --max-states or simplify their counted repetitions)"));
        }

        if (tableBytes > options.MaxTotalTableBytes)
        {
            diagnostics.Add(new Diagnostic(doc.File, SourcePosition.FileStart,
                $"the automata need {tableBytes} bytes of tables, above the limit of {options.MaxTotalTableBytes}; " +
                $"largest: {LargestRules(stats)}"));
        }

        if (diagnostics.Count > 0)
        {
            return new CompilationResult(null, diagnostics, stats);
        }

        var policy = new CompiledPolicy
        {
            Name = doc.Name,
            Version = doc.PolicyVersion,
            SourceSha256 = doc.SourceSha256,
            Rules = compiled,
        };
        return new CompilationResult(policy, diagnostics, stats);
    }

    private static string LargestRules(List<RuleStats> stats)
    {
        var sorted = new List<RuleStats>(stats);
        sorted.Sort((a, b) => b.TableBytes.CompareTo(a.TableBytes));
        var names = new List<string>();
        for (var i = 0; i < Math.Min(5, sorted.Count); i++)
        {
            names.Add($"{sorted[i].Id} ({sorted[i].TableBytes} bytes)");
        }

        return string.Join(", ", names);
    }
}
