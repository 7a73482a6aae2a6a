using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hush.Benchmarks.Infrastructure;

namespace Hush.Benchmarks.Corpus;

/// <summary>Writes corpora with their manifests and loads (generating on first use) the benchmark corpus.</summary>
internal static class CorpusFiles
{
    /// <summary>Path of the benchmark corpus for the current settings.</summary>
    public static string DefaultPath =>
        Path.Combine(RepoPaths.CorpusDirectory, $"corpus-{BenchSettings.Seed}-{BenchSettings.CorpusMiB}MiB.txt");

    /// <summary>The benchmark corpus bytes, generated into <c>bench/corpus/</c> if missing.</summary>
    public static byte[] LoadOrGenerate(TextWriter log)
    {
        var path = DefaultPath;
        if (!File.Exists(path) || new FileInfo(path).Length != BenchSettings.CorpusBytes)
        {
            Write(path, BenchSettings.Seed, BenchSettings.CorpusMiB, log);
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>
    /// Generates a corpus of <paramref name="mib"/> MiB into <paramref name="path"/>, with the planted-secret
    /// manifest (<c>.secrets.tsv</c>: offset, length, kind; never values) beside it, and logs its SHA-256.
    /// </summary>
    public static CorpusResult Write(string path, int seed, int mib, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        var result = CorpusGenerator.Generate(seed, mib * 1024 * 1024);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        File.WriteAllBytes(path, result.Bytes);
        var manifest = new StringBuilder("offset\tlength\tkind\n");
        foreach (var p in result.Planted)
        {
            manifest.Append(p.Offset.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(p.Length.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(p.Kind).Append('\n');
        }

        File.WriteAllText(path + ".secrets.tsv", manifest.ToString());
        log.WriteLine(FormattableString.Invariant(
            $"corpus: {path}: {result.Bytes.Length} bytes, seed {seed}, {result.Planted.Count} planted ({Describe(result.Planted)}), {watch.ElapsedMilliseconds} ms"));
        log.WriteLine($"sha256: {result.Sha256Hex}");
        return result;
    }

    /// <summary>Counts planted items by kind, for logs and reports.</summary>
    public static string Describe(IReadOnlyList<PlantedSecret> planted)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in planted)
        {
            counts[p.Kind.ToString()] = counts.GetValueOrDefault(p.Kind.ToString()) + 1;
        }

        return string.Join(", ", counts.Select(kv => FormattableString.Invariant($"{kv.Key} {kv.Value}")));
    }
}
