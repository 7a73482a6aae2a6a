using System.Diagnostics;
using Hush.Benchmarks.Corpus;
using Hush.Benchmarks.Infrastructure;
using Hush.Benchmarks.Rules;
using Hush.Policy.Format;
using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Compilation;
using Hush.PolicyCompiler.Emit;

namespace Hush.Benchmarks.Report;

/// <summary>
/// The non-timing measurements of one rule set (and a few single-shot timings): compile time, artifact size,
/// load time, stream memory, held-back bytes, allocations per Write, and which planted secrets were masked.
/// </summary>
internal sealed class PolicyMeasurement
{
    private const int StreamChunk = 4096;

    private PolicyMeasurement(PolicySet set) => Set = set;

    /// <summary>The rule set measured.</summary>
    public PolicySet Set { get; }

    /// <summary>Median compile time over three runs, default options (all cores).</summary>
    public TimeSpan CompileParallel { get; private set; }

    /// <summary>Compile time with one thread.</summary>
    public TimeSpan CompileSingleThread { get; private set; }

    /// <summary>Artifact size in bytes.</summary>
    public int ArtifactBytes { get; private set; }

    /// <summary>First (cold) artifact load.</summary>
    public TimeSpan LoadCold { get; private set; }

    /// <summary>Median of 20 warm artifact loads.</summary>
    public TimeSpan LoadWarm { get; private set; }

    /// <summary><see cref="StreamingMatcher.MemoryBytes"/> of a new stream.</summary>
    public long StreamMemoryNew { get; private set; }

    /// <summary>Largest <see cref="StreamingMatcher.MemoryBytes"/> seen while streaming the corpus.</summary>
    public long StreamMemoryMax { get; private set; }

    /// <summary><see cref="PolicyMatcher.HoldBackBound"/>.</summary>
    public long HoldBackBound { get; private set; }

    /// <summary>Held bytes after each 4 KiB Write, sorted.</summary>
    public int[] HeldSamples { get; private set; } = [];

    /// <summary>Single Stopwatch pass of 4 KiB streaming over the corpus, MB/s (a cross-check of the BDN figure).</summary>
    public double StreamMBps { get; private set; }

    /// <summary>Bytes allocated per Write in steady state over match-free text, 4 KiB and 64 KiB chunks.</summary>
    public (double Small, double Large) AllocPerWrite { get; private set; }

    /// <summary>Confirmed mask spans (stream offsets) over the corpus.</summary>
    public List<(long Start, long End)> Masks { get; } = [];

    /// <summary>Hold verdicts raised over the corpus.</summary>
    public int Holds { get; private set; }

    /// <summary>Lines removed from the generated text to make it match-free for this rule set.</summary>
    public int MatchFreeRemovedLines { get; private set; }

    /// <summary>Whether the match-free text passed through unchanged.</summary>
    public bool MatchFreeUnchanged { get; private set; }

    /// <summary>The .NET Regex configurations built from the rule set (for rejection counts).</summary>
    public RegexBaselines? Regex { get; private set; }

    /// <summary>Measures <paramref name="set"/> over <paramref name="corpus"/>.</summary>
    public static PolicyMeasurement Run(PolicySet set, byte[] corpus, TextWriter log)
    {
        var m = new PolicyMeasurement(set);
        log.WriteLine($"[{set.Name}] compile");
        m.MeasureCompile();
        log.WriteLine($"[{set.Name}] artifact");
        m.MeasureArtifact();
        var matcher = new PolicyMatcher(set.Policy, RuleDirection.Response);
        m.HoldBackBound = matcher.HoldBackBound;
        log.WriteLine($"[{set.Name}] stream corpus");
        m.MeasureStream(matcher, corpus);
        log.WriteLine($"[{set.Name}] allocations");
        var matchFree = MatchFreeText.Build(matcher, out var removed);
        m.MatchFreeRemovedLines = removed;
        m.AllocPerWrite = (AllocationsPerWrite(matcher, matchFree, 4096), AllocationsPerWrite(matcher, matchFree, 65536));
        m.MatchFreeUnchanged = matcher.MaskAll(matchFree).AsSpan().SequenceEqual(matchFree);
        log.WriteLine($"[{set.Name}] regex baselines");
        var slice = RegexBaselines.Latin1(corpus.AsSpan(0, Math.Min(corpus.Length, 65536)));
        m.Regex = RegexBaselines.For(set, RuleDirection.Response).BuildCompiled().BuildGrouped(slice);
        return m;
    }

    private void MeasureCompile()
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            _ = PolicySet.Compile(Set.Document);
            times.Add(watch.Elapsed);
        }

        times.Sort();
        CompileParallel = times[1];
        var single = Stopwatch.StartNew();
        _ = PolicyCompilation.Compile(Set.Document, new CompilationOptions { MaxDegreeOfParallelism = 1 });
        CompileSingleThread = single.Elapsed;
    }

    private void MeasureArtifact()
    {
        var artifact = ArtifactWriter.Write(Set.Policy);
        ArtifactBytes = artifact.Length;
        var watch = Stopwatch.StartNew();
        _ = ArtifactReader.Read(artifact);
        LoadCold = watch.Elapsed;
        var times = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            watch.Restart();
            _ = ArtifactReader.Read(artifact);
            times.Add(watch.Elapsed);
        }

        times.Sort();
        LoadWarm = times[10];
    }

    private void MeasureStream(PolicyMatcher matcher, byte[] corpus)
    {
        var output = new CountingBufferWriter();
        var stream = matcher.CreateStream();
        StreamMemoryNew = stream.MemoryBytes;
        var samples = new int[(corpus.Length + StreamChunk - 1) / StreamChunk];
        var watch = Stopwatch.StartNew();
        for (int offset = 0, i = 0; offset < corpus.Length; offset += StreamChunk, i++)
        {
            stream.Write(corpus.AsSpan(offset, Math.Min(StreamChunk, corpus.Length - offset)), output);
            samples[i] = stream.HeldBytes;
            StreamMemoryMax = Math.Max(StreamMemoryMax, stream.MemoryBytes);
            Collect(stream);
        }

        stream.Complete(output);
        Collect(stream);
        StreamMBps = corpus.Length / watch.Elapsed.TotalSeconds / 1e6;
        Array.Sort(samples);
        HeldSamples = samples;
        Masks.Sort();
    }

    private void Collect(StreamingMatcher stream)
    {
        foreach (var e in stream.Events)
        {
            if (e.Action == RuleAction.Mask)
            {
                Masks.Add((e.Start, e.End));
            }
            else
            {
                Holds++;
            }
        }

        stream.ClearEvents();
    }

    private static double AllocationsPerWrite(PolicyMatcher matcher, byte[] text, int chunk)
    {
        var output = new CountingBufferWriter();
        var stream = matcher.CreateStream();
        var offset = 0;
        void WriteOne()
        {
            if (offset + chunk > text.Length)
            {
                offset = 0;
            }

            stream.Write(text.AsSpan(offset, chunk), output);
            stream.ClearEvents();
            offset += chunk;
        }

        // Three passes, as in WriteBenchmarks: confirm regexes are recompiled (off-thread) after 64 uses.
        for (var i = 0; i < 3 * (text.Length / chunk); i++)
        {
            WriteOne();
        }

        const int writes = 1024;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < writes; i++)
        {
            WriteOne();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)writes;
    }

    /// <summary>How many of <paramref name="planted"/> overlap a confirmed mask span.</summary>
    public bool IsMasked(PlantedSecret planted)
    {
        // Masks are sorted by start; find the last mask starting before the secret ends and scan back a little.
        var lo = 0;
        var hi = Masks.Count;
        long end = planted.Offset + planted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Masks[mid].Start < end)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo - 1; i >= 0 && i >= lo - 64; i--)
        {
            if (Masks[i].End > planted.Offset)
            {
                return true;
            }
        }

        return false;
    }
}
