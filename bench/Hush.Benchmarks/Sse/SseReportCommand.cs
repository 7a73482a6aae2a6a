using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using Hush.Policy.Matching;
using static Hush.Benchmarks.Sse.SseStats;

namespace Hush.Benchmarks.Sse;

/// <summary>
/// <c>sse-report [--rounds N] [--save FILE] [--compare FILE] [--loop N [--only PROVIDER]]</c>: verifies the SSE codec on the SSE corpus
/// (chunk-independence; with <c>--compare</c>, byte equality with the output a previous build saved with
/// <c>--save</c>), then measures in one run SSE masking, raw-byte masking and pass-through (MB/s, events/s,
/// SSE/raw ratio), held-back events and bytes after each 4 KiB chunk, and the per-event processing time.
/// Prints Markdown for bench/results/sse.md. <c>--loop N</c> only runs SSE masking N times (for a profiler).
/// </summary>
internal static partial class SseReportCommand
{
    /// <summary>The corpus's providers and how their bodies start.</summary>
    private static readonly (string Name, byte[] Prefix)[] Providers =
    [
        ("OpenAI Chat Completions", "data: {\"id\":\"chatcmpl"u8.ToArray()),
        ("OpenAI Responses", "event: response."u8.ToArray()),
        ("Anthropic Messages", "event: message_start"u8.ToArray()),
    ];

    /// <summary>Runs the report; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var log = Console.Error;
        var rounds = IntArg(args, "--rounds") ?? 9;
        var corpus = SseBenchData.Corpus;
        var matcher = SseBenchData.Matcher;
        log.WriteLine($"SSE corpus: {corpus.Bodies.Count} bodies, {corpus.Events} events, {corpus.TotalBytes} bytes");
        if (IntArg(args, "--loop") is { } loop)
        {
            Loop(corpus, matcher, loop, StringArg(args, "--only"), log);
            return 0;
        }

        var verified = Verify(corpus, matcher, args, log, out var sha, out var sseMatches, out var rawMatches);
        if (verified != 0)
        {
            return verified;
        }

        log.WriteLine("throughput…");
        var throughput = Throughput(corpus.Bodies, matcher, rounds);
        var providers = new List<(string Name, long Bytes, int Events, Dictionary<SseMode, List<long>> Times)>();
        foreach (var (name, prefix) in Providers)
        {
            var bodies = corpus.Bodies.Where(b => b.AsSpan().StartsWith(prefix)).ToList();
            log.WriteLine($"throughput {name}…");
            providers.Add((name, bodies.Sum(b => (long)b.Length), bodies.Sum(b => EventEnds(b).Count), Throughput(bodies, matcher, rounds)));
        }

        log.WriteLine("hold-back…");
        var sseHeld = HoldBack(corpus, matcher, SseMode.Sse);
        var rawHeld = HoldBack(corpus, matcher, SseMode.Raw);
        log.WriteLine("latency…");
        var sseLatency = Latency(corpus, matcher, SseMode.Sse);
        var rawLatency = Latency(corpus, matcher, SseMode.Raw);
        WriteReport(output, corpus, rounds, sha, sseMatches, rawMatches, throughput, providers, (sseHeld, rawHeld), (sseLatency, rawLatency));
        return 0;
    }

    /// <summary>
    /// Output at 4 KiB chunks equals output in one piece and at one event per chunk, body by body; optionally saved
    /// or compared with a saved earlier output (the old-vs-new differential check).
    /// </summary>
    private static int Verify(SseCorpus corpus, PolicyMatcher matcher, string[] args, TextWriter log, out string sha, out long sseMatches, out long rawMatches)
    {
        var all = new ArrayBufferWriter<byte>();
        var sink = new CountingMatchSink();
        var rawSink = new CountingMatchSink();
        var scratch = new ArrayBufferWriter<byte>();
        foreach (var body in corpus.Bodies)
        {
            var start = all.WrittenCount;
            SseRunner.Run(body, SseMode.Sse, matcher, sink, SseBenchData.ChunkBytes, all);
            var chunked = all.WrittenSpan[start..];
            scratch.Clear();
            SseRunner.Run(body, SseMode.Sse, matcher, new CountingMatchSink(), body.Length, scratch);
            var whole = scratch.WrittenSpan.SequenceEqual(chunked);
            scratch.Clear();
            RunPerEvent(body, matcher, scratch);
            if (!whole || !scratch.WrittenSpan.SequenceEqual(chunked))
            {
                log.WriteLine("error: SSE output depends on chunking");
                sha = "";
                sseMatches = rawMatches = 0;
                return 1;
            }

            SseRunner.Run(body, SseMode.Raw, matcher, rawSink, SseBenchData.ChunkBytes, scratch);
        }

        sha = Convert.ToHexStringLower(SHA256.HashData(all.WrittenSpan));
        sseMatches = sink.Count;
        rawMatches = rawSink.Count;
        log.WriteLine($"verify: chunk-independent; SSE output sha256 {sha}; matches SSE {sseMatches}, raw {rawMatches}, planted {corpus.Planted}");
        if (StringArg(args, "--save") is { } save)
        {
            File.WriteAllBytes(save, all.WrittenSpan.ToArray());
            log.WriteLine($"verify: saved SSE output to {save}");
        }

        if (StringArg(args, "--compare") is { } compare)
        {
            var expected = File.ReadAllBytes(compare);
            if (!expected.AsSpan().SequenceEqual(all.WrittenSpan))
            {
                var at = expected.AsSpan().CommonPrefixLength(all.WrittenSpan);
                log.WriteLine($"error: SSE output differs from {compare} at byte {at}");
                return 1;
            }

            log.WriteLine($"verify: SSE output is byte-identical to {compare}");
        }

        return 0;
    }

    /// <summary>Feeds a body one event per <c>Process</c> call.</summary>
    private static void RunPerEvent(byte[] body, PolicyMatcher matcher, IBufferWriter<byte> output)
    {
        using var codec = SseRunner.Create(SseMode.Sse, matcher, new CountingMatchSink())!;
        var ends = EventEnds(body);
        var from = 0;
        foreach (var end in ends)
        {
            codec.Process(body.AsSpan(from, end - from), end == body.Length, output);
            from = end;
        }

        if (from < body.Length)
        {
            codec.Process(body.AsSpan(from), true, output);
        }
    }

    /// <summary>Offsets just after each event's blank line.</summary>
    private static List<int> EventEnds(ReadOnlySpan<byte> body)
    {
        var ends = new List<int>();
        for (var i = 1; i < body.Length; i++)
        {
            if (body[i] == '\n' && body[i - 1] == '\n')
            {
                ends.Add(i + 1);
            }
        }

        return ends;
    }

    /// <summary>Interleaved rounds of the three modes over the whole corpus; Stopwatch ticks per round and mode.</summary>
    private static Dictionary<SseMode, List<long>> Throughput(IReadOnlyList<byte[]> bodies, PolicyMatcher matcher, int rounds)
    {
        var output = new Infrastructure.CountingBufferWriter();
        var sink = new CountingMatchSink();
        var times = new Dictionary<SseMode, List<long>>();
        SseMode[] modes = [SseMode.Sse, SseMode.Raw, SseMode.PassThrough];
        // Tiered JIT and the matcher's off-thread regex compilation need a few seconds on a busy machine: warm up
        // every mode for at least two seconds and five passes before timing anything.
        foreach (var mode in modes)
        {
            times[mode] = [];
            var warm = Stopwatch.StartNew();
            for (var pass = 0; pass < 5 || warm.ElapsedMilliseconds < 2000; pass++)
            {
                SseRunner.RunAll(bodies, mode, matcher, sink, SseBenchData.ChunkBytes, output);
            }
        }

        for (var r = 0; r < rounds; r++)
        {
            foreach (var mode in modes)
            {
                var sw = Stopwatch.StartNew();
                SseRunner.RunAll(bodies, mode, matcher, sink, SseBenchData.ChunkBytes, output);
                times[mode].Add(sw.ElapsedTicks);
            }
        }

        return times;
    }

    /// <summary>
    /// For a profiler and for A/B runs: SSE and raw masking over and over, per provider, in nine alternating rounds
    /// after a warm-up. Throughput is per thread CPU second (time the thread waited for a core is not counted), and
    /// the ratio is the median of the rounds' SSE/raw ratios.
    /// </summary>
    private static void Loop(SseCorpus corpus, PolicyMatcher matcher, int loop, string? only, TextWriter log)
    {
        const int Rounds = 9;
        var sink = new CountingMatchSink();
        var output = new Infrastructure.CountingBufferWriter();
        foreach (var (name, kind) in Providers)
        {
            if (only is not null && !name.Contains(only, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var bodies = corpus.Bodies.Where(b => b.AsSpan().StartsWith(kind)).ToList();
            var bytes = bodies.Sum(b => (long)b.Length);
            SseMode[] modes = [SseMode.Sse, SseMode.Raw];
            foreach (var mode in modes)
            {
                // Untimed warm-up as in the report: tiered JIT and the matcher's off-thread regex compilation.
                var warm = Stopwatch.StartNew();
                while (warm.ElapsedMilliseconds < 2000)
                {
                    SseRunner.RunAll(bodies, mode, matcher, sink, SseBenchData.ChunkBytes, output);
                }
            }

            var rates = new Dictionary<SseMode, List<double>> { [SseMode.Sse] = [], [SseMode.Raw] = [] };
            var ratios = new List<double>();
            var passes = Math.Max(1, loop / Rounds);
            for (var r = 0; r < Rounds; r++)
            {
                foreach (var mode in modes)
                {
                    var cpu = Profiling.ThreadCpu.Now();
                    for (var i = 0; i < passes; i++)
                    {
                        SseRunner.RunAll(bodies, mode, matcher, sink, SseBenchData.ChunkBytes, output);
                    }

                    rates[mode].Add(bytes * passes / (Profiling.ThreadCpu.Now() - cpu).TotalSeconds / 1e6);
                }

                ratios.Add(rates[SseMode.Sse][^1] / rates[SseMode.Raw][^1]);
            }

            log.WriteLine(FormattableString.Invariant(
                $"loop {name}: SSE {Median(rates[SseMode.Sse]):0.0} MB/s, raw {Median(rates[SseMode.Raw]):0.0} MB/s per CPU second, SSE/raw {Median(ratios):0.000}"));
        }
    }

    private static int? IntArg(string[] args, string name) =>
        StringArg(args, name) is { } s && int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;

    private static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
