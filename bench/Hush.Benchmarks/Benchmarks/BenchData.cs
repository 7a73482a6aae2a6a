using Hush.Benchmarks.Corpus;
using Hush.Benchmarks.Infrastructure;

namespace Hush.Benchmarks.Benchmarks;

/// <summary>The corpus and its Latin-1 slice, loaded once per benchmark process.</summary>
internal static class BenchData
{
    private static readonly Lazy<byte[]> s_corpus = new(() => CorpusFiles.LoadOrGenerate(Console.Out));
    private static readonly Lazy<string> s_regexSlice = new(() => Rules.RegexBaselines.Latin1(Corpus.AsSpan(0, BenchSettings.RegexSliceBytes)));

    /// <summary>The whole corpus.</summary>
    public static byte[] Corpus => s_corpus.Value;

    /// <summary>The corpus prefix scanned by the .NET Regex baselines, one char per byte.</summary>
    public static string RegexSlice => s_regexSlice.Value;
}
