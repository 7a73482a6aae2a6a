using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Compilation;
using Hush.PolicyCompiler.Import;
using Hush.PolicyCompiler.Policies;

namespace Hush.PolicyCompiler.Tests.Import;

/// <summary>
/// Runs an imported policy through the real pipeline (load → compile). Rules expected not to compile are
/// compiled apart (to prove they still fail) so the rest compiles once; an unexpected failure is reported with
/// its diagnostics and the rest recompiled without it, so examples can still be checked.
/// </summary>
internal sealed partial class ImportedPipeline
{
    private ImportedPipeline(ImportResult import, PolicyDocument document, CompilationResult main, CompiledPolicy policy,
        IReadOnlyDictionary<string, string> failures, TimeSpan compileTime)
    {
        Import = import;
        Document = document;
        Main = main;
        Policy = policy;
        Failures = failures;
        CompileTime = compileTime;
    }

    /// <summary>The importer's output.</summary>
    public ImportResult Import { get; }

    /// <summary>The loaded imported policy.</summary>
    public PolicyDocument Document { get; }

    /// <summary>The compilation of every rule not expected to fail (its stats cover the rules that compiled).</summary>
    public CompilationResult Main { get; }

    /// <summary>The policy of the rules that compiled.</summary>
    public CompiledPolicy Policy { get; }

    /// <summary>Rules that did not compile: id → diagnostics.</summary>
    public IReadOnlyDictionary<string, string> Failures { get; }

    /// <summary>Wall time of <see cref="Main"/>.</summary>
    public TimeSpan CompileTime { get; }

    /// <summary>Imports <paramref name="format"/> from the shared corpora and compiles it.</summary>
    public static ImportedPipeline Run(string format, IReadOnlySet<string> expectedFailures)
    {
        var import = RuleImporter.Import(format, SharedCorpora.Files(format));
        var doc = Load(format, import.PolicyYaml);
        var failures = new SortedDictionary<string, string>(StringComparer.Ordinal);

        var clock = Stopwatch.StartNew();
        var main = PolicyCompilation.Compile(Subset(doc, r => !expectedFailures.Contains(r.Id)), new CompilationOptions());
        clock.Stop();
        var policy = main.Policy ?? Recompile(doc, main, failures);

        var expected = Subset(doc, r => expectedFailures.Contains(r.Id));
        if (expected.Rules.Count > 0)
        {
            CollectFailures(expected, PolicyCompilation.Compile(expected, new CompilationOptions()), failures);
        }

        return new ImportedPipeline(import, doc, main, policy, failures, clock.Elapsed);
    }

    /// <summary>
    /// The imported policy without any <c>min_entropy</c>, compiled for the rules in <paramref name="ids"/>: shows
    /// that an example missed because of entropy is otherwise found.
    /// </summary>
    public CompiledPolicy WithoutEntropy(IReadOnlySet<string> ids)
    {
        string yaml = MinEntropyLine().Replace(Import.PolicyYaml, "");
        var result = PolicyCompilation.Compile(Subset(Load("no-entropy", yaml), r => ids.Contains(r.Id)), new CompilationOptions());
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Take(20)));
        return result.Policy!;
    }

    private static PolicyDocument Load(string name, string yaml)
    {
        var load = PolicyLoader.Load(name + ".yaml", Encoding.UTF8.GetBytes(yaml));
        Assert.True(load.Success, "the imported policy does not load:\n" + string.Join("\n", load.Diagnostics.Take(20)));
        return load.Document!;
    }

    private static CompiledPolicy Recompile(PolicyDocument doc, CompilationResult first, SortedDictionary<string, string> failures)
    {
        var compiled = CollectFailures(doc, first, failures);
        var second = PolicyCompilation.Compile(Subset(doc, r => compiled.Contains(r.Id)), new CompilationOptions());
        Assert.True(second.Success, "the rules that compiled alone do not compile together:\n"
            + string.Join("\n", second.Diagnostics.Take(20)));
        return second.Policy!;
    }

    /// <summary>Records every rule of <paramref name="doc"/> missing from the stats; returns the ids that compiled.</summary>
    private static HashSet<string> CollectFailures(PolicyDocument doc, CompilationResult result, SortedDictionary<string, string> failures)
    {
        var compiled = result.Stats.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in doc.Rules.Where(r => !compiled.Contains(r.Id)))
        {
            var reasons = result.Diagnostics
                .Where(d => d.Message.StartsWith(rule.Id + ":", StringComparison.Ordinal))
                .Select(d => d.Message[(rule.Id.Length + 1)..].Trim());
            failures[rule.Id] = string.Join(" | ", reasons.DefaultIfEmpty("(no diagnostic names the rule)"));
        }

        return compiled;
    }

    private static PolicyDocument Subset(PolicyDocument doc, Func<PolicyRule, bool> keep) => new()
    {
        File = doc.File,
        SourceSha256 = doc.SourceSha256,
        Name = doc.Name,
        PolicyVersion = doc.PolicyVersion,
        Description = doc.Description,
        Rules = [.. doc.Rules.Where(keep)],
    };

    [GeneratedRegex(@"^    min_entropy: [0-9.eE+-]+\n", RegexOptions.Multiline)]
    private static partial Regex MinEntropyLine();
}
