using System.Globalization;

namespace Hush.Benchmarks.Infrastructure;

/// <summary>
/// Sizes and seed shared by the benchmark host and BenchmarkDotNet's child processes, read from environment
/// variables (which the children inherit) so both sides agree on how many bytes a benchmark scans.
/// </summary>
internal static class BenchSettings
{
    /// <summary>Corpus size in MiB (default 64).</summary>
    public const string CorpusMiBVariable = "HUSH_BENCH_MIB";

    /// <summary>Size of the slice the .NET Regex baselines scan, in KiB (default 1024).</summary>
    public const string RegexSliceKiBVariable = "HUSH_BENCH_REGEX_KIB";

    /// <summary>Corpus seed (default <see cref="Corpus.CorpusGenerator.DefaultSeed"/>).</summary>
    public const string SeedVariable = "HUSH_BENCH_SEED";

    /// <summary>Corpus size in MiB.</summary>
    public static int CorpusMiB => ReadInt(CorpusMiBVariable, 64);

    /// <summary>Corpus size in bytes.</summary>
    public static int CorpusBytes => CorpusMiB * 1024 * 1024;

    /// <summary>Bytes of the corpus prefix the .NET Regex baselines scan (they are too slow for all of it).</summary>
    public static int RegexSliceBytes => Math.Min(CorpusBytes, ReadInt(RegexSliceKiBVariable, 1024) * 1024);

    /// <summary>Corpus seed.</summary>
    public static int Seed => ReadInt(SeedVariable, Corpus.CorpusGenerator.DefaultSeed);

    /// <summary>Sets the corpus size for this process and its children.</summary>
    public static void SetCorpusMiB(int mib) =>
        Environment.SetEnvironmentVariable(CorpusMiBVariable, mib.ToString(CultureInfo.InvariantCulture));

    private static int ReadInt(string name, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
    }
}
