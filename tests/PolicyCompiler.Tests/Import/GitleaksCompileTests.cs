using Hush.PolicyCompiler.Emit;
using Xunit.Abstractions;

namespace Hush.PolicyCompiler.Tests.Import;

/// <summary>
/// Issue 2, item 9: gitleaks' rules imported from <c>../shared/corpora</c> and compiled; at least 95 % must
/// compile. The figures (compile time, automaton sizes, artifact size) go to the test output for the README.
/// </summary>
public sealed class GitleaksCompileTests(ITestOutputHelper output)
{
    /// <summary>Regex rules in the snapshot (the 222nd rule is path-only and skipped by the importer).</summary>
    private const int RegexRules = 221;

    [Fact]
    public void Gitleaks_ImportedRules_AtLeast95PercentCompile()
    {
        var pipeline = ImportedPipeline.Run("gitleaks", new HashSet<string>());
        var stats = pipeline.Main.Stats;
        byte[] artifact = ArtifactWriter.Write(pipeline.Policy);

        output.WriteLine($"gitleaks: {pipeline.Document.Rules.Count} regex rules imported, {stats.Count} compiled " +
            $"({100.0 * stats.Count / RegexRules:0.0} %), {pipeline.Failures.Count} failed");
        output.WriteLine($"compile time (all rules, {Environment.ProcessorCount} cores): {pipeline.CompileTime.TotalMilliseconds:0} ms");
        output.WriteLine($"DFA states: total {stats.Sum(s => (long)s.DfaStates)}, max {stats.Max(s => s.DfaStates)} ({stats.MaxBy(s => s.DfaStates)!.Id}), " +
            $"median {Median(stats.Select(s => s.DfaStates))}");
        output.WriteLine($"NFA states: total {stats.Sum(s => (long)s.NfaStates)}; byte classes max {stats.Max(s => s.ClassCount)}");
        output.WriteLine($"automaton tables: {stats.Sum(s => s.TableBytes)} bytes; relaxed (inexact) automata: {stats.Count(s => !s.Exact)}; " +
            $"always-on rules (no prefilter literal): {stats.Count(s => s.AlwaysOn)}");
        output.WriteLine($"artifact: {artifact.Length} bytes ({pipeline.Policy.Rules.Count} rules)");
        output.WriteLine($"import warnings: {pipeline.Import.Warnings.Count}");
        foreach (var (id, reason) in pipeline.Failures)
        {
            output.WriteLine($"  not compiled: {id}: {reason}");
        }

        Assert.Equal(RegexRules, pipeline.Document.Rules.Count);
        Assert.True(stats.Count * 100 >= RegexRules * 95,
            $"only {stats.Count}/{RegexRules} gitleaks rules compile:\n" + string.Join("\n", pipeline.Failures.Select(f => $"{f.Key}: {f.Value}")));
        Assert.NotEmpty(artifact);
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
