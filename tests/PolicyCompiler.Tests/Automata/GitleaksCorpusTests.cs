using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Hush.PolicyCompiler.Automata;
using Hush.PolicyCompiler.Syntax;
using Xunit.Abstractions;

namespace Hush.PolicyCompiler.Tests.Automata;

/// <summary>Builds the automaton of every gitleaks rule from the shared corpus (test data only) and reports figures.</summary>
public sealed partial class GitleaksCorpusTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"^regex = '''(.*)'''\s*$", RegexOptions.Multiline)]
    private static partial Regex RegexLine();

    private static string Corpus([CallerFilePath] string source = "")
    {
        // The binaries may live outside the clone (--artifacts-path), so this source file's folder is tried too.
        foreach (var from in (string[])[AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "."])
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Hush.slnx")))
                {
                    return Path.Combine(dir.FullName, "..", "shared", "corpora", "gitleaks.toml");
                }
            }
        }

        Assert.Fail("repository root (Hush.slnx) not found");
        return "";
    }

    [Fact]
    public void Build_AllGitleaksRules_FitBudgetQuickly()
    {
        var patterns = RegexLine().Matches(File.ReadAllText(Corpus())).Select(m => m.Groups[1].Value).ToList();
        Assert.True(patterns.Count > 200, $"only {patterns.Count} patterns found");
        int parsed = 0, exact = 0, relaxed = 0, failed = 0, totalStates = 0, maxStates = 0;
        long memory = 0;
        var worst = TimeSpan.Zero;
        var byRelaxation = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        foreach (var pattern in patterns)
        {
            ParsedPattern p;
            try
            {
                p = RegexParser.Parse(pattern);
            }
            catch (RegexSyntaxException)
            {
                continue;
            }

            parsed++;
            var one = Stopwatch.StartNew();
            try
            {
                var automaton = RuleAutomatonBuilder.Build(p.Root, p.GroupCount > 0 ? 1 : 0, new AutomatonBudget());
                Assert.Null(automaton.Dfa.Validate());
                (automaton.Exact ? ref exact : ref relaxed)++;
                totalStates += automaton.DfaStates;
                maxStates = Math.Max(maxStates, automaton.DfaStates);
                memory += automaton.Dfa.MemoryBytes;
                var how = automaton.Relaxation ?? "exact";
                byRelaxation[how] = byRelaxation.GetValueOrDefault(how) + 1;
            }
            catch (AutomatonBudgetException)
            {
                failed++;
            }

            worst = one.Elapsed > worst ? one.Elapsed : worst;
        }

        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        output.WriteLine($"{patterns.Count} patterns, {parsed} parsed: {exact} exact, {relaxed} relaxed, {failed} over budget; " +
            $"states total {totalStates}, max {maxStates}, tables {memory / 1024} KiB; {watch.Elapsed.TotalSeconds:F2} s total ({cpu.TotalSeconds:F2} s CPU), worst rule {worst.TotalMilliseconds:F0} ms");
        foreach (var (how, count) in byRelaxation)
        {
            output.WriteLine($"  {count,4} {how}");
        }

        Assert.Equal(0, failed);
        // CPU time, not wall time: the machine is shared. About 7 s when measured.
        Assert.True(cpu < TimeSpan.FromSeconds(60), $"took {cpu} CPU");
    }
}
