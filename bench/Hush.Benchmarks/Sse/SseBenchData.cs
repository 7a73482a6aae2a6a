using System.Globalization;
using Hush.Benchmarks.Rules;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Benchmarks.Sse;

/// <summary>The SSE corpus and the response matcher of the default policy, built once per process.</summary>
internal static class SseBenchData
{
    /// <summary>Environment variable: SSE corpus size in MiB (default 4).</summary>
    public const string MiBVariable = "HUSH_BENCH_SSE_MIB";

    /// <summary>Bytes per <c>Process</c> call, as Envoy's streamed body chunks.</summary>
    public const int ChunkBytes = 4096;

    private static readonly Lazy<SseCorpus> s_corpus = new(() => SseCorpus.Generate(SseCorpus.DefaultSeed, (long)MiB * 1024 * 1024));
    private static readonly Lazy<PolicyMatcher> s_matcher = new(() => new PolicyMatcher(PolicySet.Get("default").Policy, RuleDirection.Response));

    /// <summary>Corpus size in MiB.</summary>
    public static int MiB =>
        int.TryParse(Environment.GetEnvironmentVariable(MiBVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : 4;

    /// <summary>The corpus.</summary>
    public static SseCorpus Corpus => s_corpus.Value;

    /// <summary>The default policy's response matcher.</summary>
    public static PolicyMatcher Matcher => s_matcher.Value;
}
