using System.Diagnostics;
using System.Globalization;
using Hush.Benchmarks.Benchmarks;
using Hush.Benchmarks.Infrastructure;
using Hush.Benchmarks.Rules;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Benchmarks.Profiling;

/// <summary>
/// <c>ratio [default|gitleaks] [--rounds N]</c>: Hush (4 KiB streaming) against the best .NET <c>Regex</c>
/// configuration on the identical slice, interleaved: each round times Hush, then Compiled per rule, then
/// NonBacktracking grouped, back to back, and the ratio is taken within the round. On a shared machine whose speed
/// drifts by ±25 % over minutes (other virtual machines on the host), BenchmarkDotNet's one-method-after-another
/// runs put the drift into the ratio; interleaving cancels it. Prints every round and the median.
/// </summary>
internal static class RatioCommand
{
    /// <summary>Runs the comparison; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var policy = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "default";
        var at = Array.IndexOf(args, "--rounds");
        var rounds = at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 9;
        var set = PolicySet.Get(policy);
        var bytes = BenchData.Corpus.AsSpan(0, BenchSettings.RegexSliceBytes).ToArray();
        var text = BenchData.RegexSlice;
        var matcher = new PolicyMatcher(set.Policy, RuleDirection.Response);
        var compiled = RegexBaselines.For(set, RuleDirection.Response).BuildCompiled();
        var grouped = RegexBaselines.For(set, RuleDirection.Response).BuildGrouped(text[..Math.Min(text.Length, 65536)]);
        var sink = new CountingBufferWriter();

        // Warm-up: tiered JIT and the matcher's off-thread confirm regex compilation need a few passes.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(3))
        {
            Stream(matcher, bytes, sink);
        }

        // Compiled regexes are JIT-compiled, then tiered up, on their first uses: a few passes before timing.
        for (var pass = 0; pass < 3; pass++)
        {
            _ = compiled.CountCompiled(text);
            _ = grouped.CountGrouped(text);
        }

        var ratios = new double[rounds];
        output.WriteLine($"// {policy}: {set.Policy.Rules.Count} rules, slice {bytes.Length} bytes, {rounds} rounds");
        for (var round = 0; round < rounds; round++)
        {
            var hush = Time(() => Stream(matcher, bytes, sink), minimum: TimeSpan.FromMilliseconds(300));
            var perRule = Time(() => compiled.CountCompiled(text), minimum: TimeSpan.Zero);
            var nonBacktracking = Time(() => grouped.CountGrouped(text), minimum: TimeSpan.Zero);
            var best = Math.Min(perRule, nonBacktracking);
            ratios[round] = best / hush;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: Hush {bytes.Length / hush / 1e6:F1} MB/s, Regex Compiled {bytes.Length / perRule / 1e6:F2} MB/s, NonBacktracking {bytes.Length / nonBacktracking / 1e6:F2} MB/s, Hush / best Regex {ratios[round]:F1}x"));
        }

        Array.Sort(ratios);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median {ratios[rounds / 2]:F1}x, min {ratios[0]:F1}x, max {ratios[^1]:F1}x"));
        return 0;
    }

    private static void Stream(PolicyMatcher matcher, byte[] bytes, CountingBufferWriter sink)
    {
        sink.Reset();
        var stream = matcher.CreateStream();
        for (var offset = 0; offset < bytes.Length; offset += 4096)
        {
            stream.Write(bytes.AsSpan(offset, Math.Min(4096, bytes.Length - offset)), sink);
        }

        stream.Complete(sink);
    }

    /// <summary>Seconds per call of <paramref name="action"/>, repeated for at least <paramref name="minimum"/>.</summary>
    private static double Time(Action action, TimeSpan minimum)
    {
        var calls = 0;
        var started = Stopwatch.GetTimestamp();
        do
        {
            action();
            calls++;
        }
        while (Stopwatch.GetElapsedTime(started) < minimum);

        return Stopwatch.GetElapsedTime(started).TotalSeconds / calls;
    }
}
