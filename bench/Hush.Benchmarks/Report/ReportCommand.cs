using System.Globalization;
using System.Runtime.InteropServices;
using Hush.Benchmarks.Corpus;
using Hush.Benchmarks.Infrastructure;
using Hush.Benchmarks.Rules;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Benchmarks.Report;

/// <summary>
/// <c>report</c>: measurements that are not timings (sizes, memory, held-back bytes, allocations, detection of
/// the planted secrets) plus compile and load times, printed as a Markdown table for bench/results/README.md.
/// </summary>
internal static class ReportCommand
{
    /// <summary>Runs every measurement and prints the report to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(TextWriter output)
    {
        var log = Console.Error;
        var corpus = CorpusFiles.LoadOrGenerate(log);
        var generated = CorpusGenerator.Generate(BenchSettings.Seed, BenchSettings.CorpusBytes);
        if (!generated.Bytes.AsSpan().SequenceEqual(corpus))
        {
            log.WriteLine("error: the corpus on disk differs from a fresh generation; delete bench/corpus/ and retry");
            return 1;
        }

        var measurements = new List<PolicyMeasurement>();
        foreach (var name in PolicySet.Names)
        {
            log.WriteLine($"[{name}] load and compile");
            measurements.Add(PolicyMeasurement.Run(PolicySet.Get(name), corpus, log));
        }

        WriteHeader(output, generated);
        WriteTable(output, measurements);
        WriteDetection(output, generated.Planted, measurements);
        return 0;
    }

    private static void WriteHeader(TextWriter o, CorpusResult corpus)
    {
        o.WriteLine("### Environment");
        o.WriteLine();
        o.WriteLine($"- CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}");
        o.WriteLine(Inv($"- Corpus: seed {BenchSettings.Seed}, {corpus.Bytes.Length} bytes ({BenchSettings.CorpusMiB} MiB), sha256 `{corpus.Sha256Hex}`"));
        o.WriteLine($"- Planted: {corpus.Planted.Count} ({CorpusFiles.Describe(corpus.Planted)})");
        o.WriteLine();
    }

    private static void WriteTable(TextWriter o, List<PolicyMeasurement> ms)
    {
        o.WriteLine("### Policy measurements (`-- report`)");
        o.WriteLine();
        o.WriteLine("| Measurement | " + string.Join(" | ", ms.Select(m => m.Set.Name)) + " |");
        o.WriteLine("|---|" + string.Concat(ms.Select(_ => "---:|")));
        Row(o, ms, "Rule source", m => m.Set.Source);
        Row(o, ms, "Rules compiled (dropped)", m => Inv($"{m.Set.Policy.Rules.Count} ({m.Set.Dropped.Count})"));
        Row(o, ms, "Rules without a prefilter literal / of them woken by byte runs (RunRequirement)", m =>
            Inv($"{m.Set.Result.Stats.Count(s => s.AlwaysOn)} / {new PolicyMatcher(m.Set.Policy, RuleDirection.Response).RunRules.Length}"));
        Row(o, ms, "Relaxed (inexact) automata", m => Inv($"{m.Set.Result.Stats.Count(s => !s.Exact)}"));
        Row(o, ms, "DFA states total / largest", m => Inv($"{m.Set.Result.Stats.Sum(s => s.DfaStates)} / {m.Set.Result.Stats.Max(s => s.DfaStates)}"));
        Row(o, ms, "Automaton tables", m => Bytes(m.Set.Result.Stats.Sum(s => s.TableBytes)));
        Row(o, ms, "Compile time, all cores (median of 3)", m => Ms(m.CompileParallel));
        Row(o, ms, "Compile time, 1 thread", m => Ms(m.CompileSingleThread));
        Row(o, ms, "Artifact size", m => Bytes(m.ArtifactBytes));
        Row(o, ms, "Artifact load, cold / warm median", m => $"{Ms(m.LoadCold)} / {Ms(m.LoadWarm)}");
        Row(o, ms, "Memory per stream, new / max over corpus", m => $"{Bytes(m.StreamMemoryNew)} / {Bytes(m.StreamMemoryMax)}");
        Row(o, ms, "Held-back bytes after a 4 KiB Write: mean", m => Inv($"{m.HeldSamples.Average():0.0}"));
        Row(o, ms, "Held-back bytes: p50 / p99 / max", m => Inv($"{Pct(m.HeldSamples, 0.50)} / {Pct(m.HeldSamples, 0.99)} / {m.HeldSamples[^1]}"));
        Row(o, ms, "Writes holding nothing", m => Inv($"{100.0 * m.HeldSamples.Count(h => h == 0) / m.HeldSamples.Length:0.0}%"));
        Row(o, ms, "Hold-back bound (PolicyMatcher.HoldBackBound: 3·L + K + longest literal + 1)", m => Inv($"{m.HoldBackBound}"));
        Row(o, ms, "Allocated per Write, steady state, 4 KiB / 64 KiB", m => Inv($"{m.AllocPerWrite.Small:0.#} B / {m.AllocPerWrite.Large:0.#} B"));
        Row(o, ms, "Match-free text passes unchanged (lines removed to make it)", m => Inv($"{(m.MatchFreeUnchanged ? "yes" : "NO")} ({m.MatchFreeRemovedLines})"));
        Row(o, ms, "Streaming 4 KiB, one Stopwatch pass (cross-check)", m => Inv($"{m.StreamMBps:0.0} MB/s"));
        Row(o, ms, ".NET Regex baselines built", m => m.Regex!.Describe());
        o.WriteLine();
    }

    private static void WriteDetection(TextWriter o, IReadOnlyList<PlantedSecret> planted, List<PolicyMeasurement> ms)
    {
        o.WriteLine("### Planted fake secrets masked (4 KiB streaming over the corpus)");
        o.WriteLine();
        o.WriteLine("| Kind | Planted | " + string.Join(" | ", ms.Select(m => m.Set.Name)) + " |");
        o.WriteLine("|---|---:|" + string.Concat(ms.Select(_ => "---:|")));
        foreach (var kind in Enum.GetValues<SecretKind>())
        {
            var of = planted.Where(p => p.Kind == kind).ToList();
            o.WriteLine($"| {kind}{(kind == SecretKind.Placeholder ? " (should stay)" : "")} | {of.Count} | " +
                string.Join(" | ", ms.Select(m => Inv($"{of.Count(m.IsMasked)}"))) + " |");
        }

        o.WriteLine("| Mask spans in total | | " + string.Join(" | ", ms.Select(m => Inv($"{m.Masks.Count}"))) + " |");
        o.WriteLine("| Hold verdicts | | " + string.Join(" | ", ms.Select(m => Inv($"{m.Holds}"))) + " |");
        o.WriteLine();
    }

    private static void Row(TextWriter o, List<PolicyMeasurement> ms, string name, Func<PolicyMeasurement, string> value) =>
        o.WriteLine($"| {name} | " + string.Join(" | ", ms.Select(value)) + " |");

    private static int Pct(int[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Ms(TimeSpan t) => Inv($"{t.TotalMilliseconds:0.###} ms");

    private static string Bytes(long b) => b >= 1 << 20 ? Inv($"{b / 1048576.0:0.00} MiB ({b} B)") : b >= 1024 ? Inv($"{b / 1024.0:0.0} KiB ({b} B)") : Inv($"{b} B");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string CpuModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
            // Not Linux: the architecture is the best description available.
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
