using System.Globalization;
using BenchmarkDotNet.Running;
using Hush.Benchmarks.Corpus;
using Hush.Benchmarks.Infrastructure;

namespace Hush.Benchmarks;

/// <summary>
/// Entry point: <c>generate-corpus OUT [--mib N] [--seed S] [--verify]</c>, <c>report [--mib N]</c>,
/// <c>sse-report [--rounds N] [--save FILE] [--compare FILE]</c>, <c>loop [POLICY] [--passes N] [--chunk BYTES]</c>,
/// <c>ratio [POLICY] [--rounds N]</c>, <c>interleave [--streams N] [--mode sse|raw|copy]</c>,
/// <c>processors [--streams N] [--mode sse|raw|pass] [--audit-bytes B] [--no-holds] [--allocations]</c>, <c>audit-hash</c>, or
/// BenchmarkDotNet's own arguments (<c>--filter '*'</c>, <c>--job short</c>, …).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        string root;
        try
        {
            root = RepoPaths.Root;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }

        // BenchmarkDotNet runs each benchmark in a child process built elsewhere; it inherits these variables.
        Environment.SetEnvironmentVariable(RepoPaths.RootVariable, root);
        if (args.Length > 0 && args[0] == "generate-corpus")
        {
            return GenerateCorpus(args);
        }

        if (args.Length > 0 && args[0] == "sse-report")
        {
            return Sse.SseReportCommand.Run(args, Console.Out);
        }

        if (args.Length > 0 && args[0] == "ratio")
        {
            ApplyMiB(args);
            return Profiling.RatioCommand.Run(args, Console.Out);
        }

        if (args.Length > 0 && args[0] == "loop")
        {
            ApplyMiB(args);
            return Profiling.StreamLoopCommand.Run(args, Console.Out);
        }

        if (args.Length > 0 && args[0] == "audit-hash")
        {
            return Profiling.AuditHashCommand.Run(args, Console.Out);
        }

        if (args.Length > 0 && args[0] == "processors")
        {
            return Profiling.ProcessorLoopCommand.Run(args, Console.Out);
        }

        if (args.Length > 0 && args[0] == "interleave")
        {
            return Profiling.InterleaveCommand.Run(args, Console.Out);
        }

        if (args.Length > 0 && args[0] == "report")
        {
            ApplyMiB(args);
            return Report.ReportCommand.Run(Console.Out);
        }

        ApplyMiB(args);
        var rest = StripOption(args, "--mib");

        // Generate the corpus once in the host, so the child processes only read it.
        _ = CorpusFiles.LoadOrGenerate(Console.Out);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, BenchConfig.Create());
        return 0;
    }

    private static int GenerateCorpus(string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("usage: generate-corpus OUT [--mib N] [--seed S] [--verify]");
            return 2;
        }

        var mib = IntOption(args, "--mib") ?? 64;
        var seed = IntOption(args, "--seed") ?? CorpusGenerator.DefaultSeed;
        var result = CorpusFiles.Write(args[1], seed, mib, Console.Out);
        if (Array.IndexOf(args, "--verify") >= 0)
        {
            // Self-check of determinism: a second run from the same seed must hash identically.
            var again = CorpusGenerator.Generate(seed, mib * 1024 * 1024);
            if (again.Sha256Hex != result.Sha256Hex)
            {
                Console.Error.WriteLine($"error: regenerating gave {again.Sha256Hex}, not {result.Sha256Hex}");
                return 1;
            }

            Console.WriteLine("verify: regenerated corpus is byte-identical");
        }

        return 0;
    }

    private static void ApplyMiB(string[] args)
    {
        if (IntOption(args, "--mib") is { } mib)
        {
            BenchSettings.SetCorpusMiB(mib);
        }
    }

    private static int? IntOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : null;
    }

    private static string[] StripOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i < 0 ? args : [.. args[..i], .. args[Math.Min(args.Length, i + 2)..]];
    }
}
