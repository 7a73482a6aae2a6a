using System.Runtime.InteropServices;
using static Hush.Benchmarks.Sse.SseStats;

namespace Hush.Benchmarks.Sse;

internal static partial class SseReportCommand
{
    private static void WriteReport(
        TextWriter o,
        SseCorpus corpus,
        int rounds,
        string sha,
        long sseMatches,
        long rawMatches,
        Dictionary<SseMode, List<long>> times,
        List<(string Name, long Bytes, int Events, Dictionary<SseMode, List<long>> Times)> providers,
        (SseHoldBack Sse, SseHoldBack Raw) held,
        (SseLatency Sse, SseLatency Raw) latency)
    {
        o.WriteLine($"### SSE report ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()})");
        o.WriteLine();
        o.WriteLine($"- {Environment.ProcessorCount} logical cores; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}");
        o.WriteLine($"- SSE corpus: seed {SseCorpus.DefaultSeed}, {corpus.Bodies.Count} bodies, {corpus.Events} events, {corpus.TotalBytes} bytes "
            + $"({F((double)corpus.TotalBytes / corpus.Events, "0")} B/event), {corpus.Planted} planted FAKE secrets; 4 KiB chunks; policies/default.yaml (response rules)");
        o.WriteLine($"- Verified: output chunk-independent (4 KiB = whole body = one event per call); SSE output sha256 `{sha}`; matches reported: SSE {sseMatches}, raw {rawMatches}");
        o.WriteLine();
        o.WriteLine($"#### Throughput ({rounds} interleaved rounds over the whole corpus; median)");
        o.WriteLine();
        o.WriteLine("| Mode | MB/s | events/s | µs/event | vs raw |");
        o.WriteLine("|---|---:|---:|---:|---:|");
        var raw = Median(times[SseMode.Raw].Select(t => (double)t));
        foreach (var (mode, name) in new[] { (SseMode.Sse, "SseBodyCodec"), (SseMode.Raw, "RawBodyCodec"), (SseMode.PassThrough, "pass-through copy") })
        {
            var ticks = Median(times[mode].Select(t => (double)t));
            var seconds = ticks / System.Diagnostics.Stopwatch.Frequency;
            o.WriteLine($"| {name} | {F(corpus.TotalBytes / seconds / 1e6, "0.0")} | {F(corpus.Events / seconds, "N0")} | {F(seconds * 1e6 / corpus.Events, "0.000")} | {F(raw / ticks, "0.00")}× |");
        }

        var ratios = times[SseMode.Sse].Select((t, i) => (double)times[SseMode.Raw][i] / t).ToList();
        ratios.Sort();
        o.WriteLine();
        o.WriteLine($"SSE/raw throughput ratio per round: median {F(Median(ratios), "0.00")}, min {F(ratios[0], "0.00")}, max {F(ratios[^1], "0.00")}.");
        o.WriteLine();
        o.WriteLine("Per provider (same warm-up and rounds, bodies of that provider only):");
        o.WriteLine();
        o.WriteLine("| Provider | B/event | SSE MB/s | raw MB/s | SSE µs/event | raw µs/event | SSE/raw |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var p in providers)
        {
            var sse = Median(p.Times[SseMode.Sse].Select(t => (double)t)) / System.Diagnostics.Stopwatch.Frequency;
            var rawSeconds = Median(p.Times[SseMode.Raw].Select(t => (double)t)) / System.Diagnostics.Stopwatch.Frequency;
            o.WriteLine($"| {p.Name} | {F((double)p.Bytes / p.Events, "0")} | {F(p.Bytes / sse / 1e6, "0.0")} | {F(p.Bytes / rawSeconds / 1e6, "0.0")} | "
                + $"{F(sse * 1e6 / p.Events, "0.000")} | {F(rawSeconds * 1e6 / p.Events, "0.000")} | {F(rawSeconds / sse, "0.00")}× |");
        }

        o.WriteLine();
        o.WriteLine("#### Hold-back after each 4 KiB chunk");
        o.WriteLine();
        o.WriteLine("| Mode | held bytes mean | p99 | max | held events mean | p99 | max |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (h, name) in new[] { (held.Sse, "SseBodyCodec"), (held.Raw, "RawBodyCodec") })
        {
            o.WriteLine($"| {name} | {F(h.Bytes.Average(), "0.0")} | {Pct(h.Bytes, 0.99)} | {h.Bytes[^1]} | {F(h.Events.Average(), "0.00")} | {Pct(h.Events, 0.99)} | {h.Events[^1]} |");
        }

        o.WriteLine();
        o.WriteLine("Held events: complete input events not yet released (for raw masking, the event whose end is still held back).");
        o.WriteLine();
        o.WriteLine("#### Per-event processing time (µs)");
        o.WriteLine();
        o.WriteLine("| Mode | one event per call: p50 | p99 | p99.9 | max | released on arrival | first event incl. codec creation p50 / p99 | 4 KiB call p50 / p99 | amortized per event at 4 KiB |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (l, name) in new[] { (latency.Sse, "SseBodyCodec"), (latency.Raw, "RawBodyCodec") })
        {
            o.WriteLine($"| {name} | {F(Pct(l.PerEvent, 0.5), "0.0")} | {F(Pct(l.PerEvent, 0.99), "0.0")} | {F(Pct(l.PerEvent, 0.999), "0.0")} | {F(l.PerEvent[^1], "0")} | "
                + $"{F(100 * l.ReleasedOnArrival, "0.0")} % | {F(Pct(l.FirstEvent, 0.5), "0.0")} / {F(Pct(l.FirstEvent, 0.99), "0.0")} | "
                + $"{F(Pct(l.Chunk4K, 0.5), "0")} / {F(Pct(l.Chunk4K, 0.99), "0")} | {F(l.AmortizedPerEvent, "0.00")} |");
        }

        o.WriteLine();
        o.WriteLine("One event per call: each event is charged the duration of the `Process` call that released it (time spent waiting");
        o.WriteLine("for later events while held back is not processing time; see the hold-back table). Single-threaded, in process.");
    }

    private static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
