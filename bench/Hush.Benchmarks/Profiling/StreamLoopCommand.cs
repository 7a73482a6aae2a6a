using System.Diagnostics;
using System.Globalization;
using Hush.Benchmarks.Benchmarks;
using Hush.Benchmarks.Infrastructure;
using Hush.Benchmarks.Rules;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Benchmarks.Profiling;

/// <summary>
/// <c>loop [default|gitleaks] [--passes N] [--chunk BYTES]</c>: streams the corpus through one rule set again and
/// again, printing MB/s per pass. Made to sit under a sampling profiler (<c>perf record</c> with
/// <c>DOTNET_PerfMapEnabled=1</c>), where BenchmarkDotNet's own machinery would dilute the profile.
/// </summary>
internal static class StreamLoopCommand
{
    /// <summary>Runs the loop; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var policy = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "default";
        var passes = Option(args, "--passes") ?? 10;
        var chunk = Option(args, "--chunk") ?? 4096;
        var corpus = BenchData.Corpus;
        var matcher = new PolicyMatcher(PolicySet.Get(policy).Policy, RuleDirection.Response);
        var sink = new CountingBufferWriter();
        for (var pass = 0; pass < passes; pass++)
        {
            sink.Reset();
            var started = Stopwatch.GetTimestamp();
            var cpuStarted = ThreadCpu.Now();
            var stream = matcher.CreateStream();
            for (var offset = 0; offset < corpus.Length; offset += chunk)
            {
                stream.Write(corpus.AsSpan(offset, Math.Min(chunk, corpus.Length - offset)), sink);
            }

            stream.Complete(sink);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpuSeconds = (ThreadCpu.Now() - cpuStarted).TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pass {pass}: {corpus.Length / seconds / 1e6:F1} MB/s, {corpus.Length / cpuSeconds / 1e6:F1} MB/s of thread CPU ({sink.Written} bytes out)"));
        }

        return 0;
    }

    private static int? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : null;
    }
}
