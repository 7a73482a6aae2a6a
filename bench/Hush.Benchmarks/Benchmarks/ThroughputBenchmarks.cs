using BenchmarkDotNet.Attributes;
using Hush.Benchmarks.Infrastructure;
using Hush.Benchmarks.Rules;
using Hush.Policy.Rules;

namespace Hush.Benchmarks.Benchmarks;

/// <summary>
/// Single-thread scan throughput of Hush and of .NET Regex on the same rules and corpus, in one run. Hush scans
/// the whole corpus; the .NET baselines scan its first <see cref="BenchSettings.RegexSliceBytes"/> (they are
/// orders of magnitude slower), and the MB/s and xBestRegex columns normalise by bytes scanned.
/// </summary>
public partial class ThroughputBenchmarks
{
    private RegexBaselines? _regex;
    private string _slice = "";

    /// <summary>Rule set: <c>default</c> or <c>gitleaks</c>.</summary>
    [ParamsSource(nameof(PolicyNames))]
    public string Policy { get; set; } = "default";

    /// <summary>The rule sets benchmarked.</summary>
    public static IEnumerable<string> PolicyNames => PolicySet.Names;

    /// <summary>Builds one Compiled regex per rule.</summary>
    [GlobalSetup(Target = nameof(RegexCompiledPerRule))]
    public void SetupCompiled()
    {
        _slice = BenchData.RegexSlice;
        _regex = RegexBaselines.For(PolicySet.Get(Policy), RuleDirection.Response).BuildCompiled();
        Console.WriteLine($"// regex baselines ({Policy}): {_regex.Describe()}");
    }

    /// <summary>Builds the NonBacktracking alternations.</summary>
    [GlobalSetup(Target = nameof(RegexNonBacktrackingGrouped))]
    public void SetupGrouped()
    {
        _slice = BenchData.RegexSlice;
        _regex = RegexBaselines.For(PolicySet.Get(Policy), RuleDirection.Response).BuildGrouped(_slice[..Math.Min(_slice.Length, 65536)]);
        Console.WriteLine($"// regex baselines ({Policy}): {_regex.Describe()}");
    }

    /// <summary>.NET Regex, RegexOptions.Compiled, one regex per rule, over the slice.</summary>
    [Benchmark(Description = "Regex Compiled per rule (slice)")]
    [Throughput(ScanInput.RegexSlice, regexBaseline: true)]
    public long RegexCompiledPerRule() => _regex!.CountCompiled(_slice);

    /// <summary>.NET Regex, RegexOptions.NonBacktracking, rules in alternations, over the slice.</summary>
    [Benchmark(Description = "Regex NonBacktracking grouped (slice)")]
    [Throughput(ScanInput.RegexSlice, regexBaseline: true)]
    public long RegexNonBacktrackingGrouped() => _regex!.CountGrouped(_slice);
}
