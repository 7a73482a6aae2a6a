using System.Globalization;
using System.Text;

namespace Hush.ExtProcBench.Report;

/// <summary>Renders a run as markdown: set-up, throughput/latency/CPU table, correctness, idle memory, targets.</summary>
internal static partial class MarkdownReport
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>The whole results document.</summary>
    public static string Render(RunInfo run, BenchOptions options, IReadOnlyList<LevelResult> levels, IReadOnlyList<IdleResult> idle)
    {
        var md = new StringBuilder();
        md.AppendLine("# " + options.Title);
        md.AppendLine();
        md.AppendLine(Inv($"- Date: {run.Started:yyyy-MM-dd HH:mm} UTC (run took {run.Elapsed.TotalSeconds:F0} s)"));
        md.AppendLine("- Machine: " + run.Machine);
        md.AppendLine($"- Load average (1/5/15 min): {run.LoadBefore} at start, {run.LoadAfter} at end");
        md.AppendLine("- Command: `" + run.Command + "`");
        md.AppendLine("- Server: `" + run.ServerDll + "` (child processes, Release; policy `" + run.Policy + "`)");
        md.AppendLine(options.LeanClient
            ? "- Client: the lean h2c client (`--client h2`): writes go straight to the socket from the stream's task, one thread per connection reads frames and timestamps each answer as its last byte is read, like Envoy's worker event loop. Idle streams use Grpc.Net.Client."
            : "- Client: Grpc.Net.Client over SocketsHttpHandler (`--client grpc`): each write passes through the handler's write loop, each answer through its read loop and the call's reader, every hand-off a thread-pool continuation.");
        md.AppendLine(Inv($"- Load: {options.Connections} h2c connections per server; per stream: request_headers + response_headers, then {options.MinChunks}–{options.MaxChunks} SSE chunks {(options.EventChunks ? "of one whole event each" : $"of {options.MinChunkBytes}–{options.MaxChunkBytes} B cut anywhere in the events")} every {options.MinIntervalMs}–{options.MaxIntervalMs} ms (bursts p={options.BurstProbability}), pipelined up to {options.Window}, a fake secret ~1 in {options.SecretEveryChunks} chunks; streams are reset when done and replaced. {RoundsText(options)}Window {options.Duration.TotalSeconds:F0} s per level{(options.Rounds > 1 ? " and round" : "")} after ramp-up + {options.Settle.TotalSeconds:F1} s; warm-up {options.Warmup.TotalSeconds:F0} s per server; seed {options.Seed}."));
        md.AppendLine();
        RenderThroughput(md, levels);
        RenderCorrectness(md, levels);
        RenderIdle(md, idle);
        RenderTargets(md, levels, idle);
        RenderNotes(md);
        return md.ToString();
    }

    private static void RenderThroughput(StringBuilder md, IReadOnlyList<LevelResult> levels)
    {
        md.AppendLine("## Throughput, latency, CPU");
        md.AppendLine();
        md.AppendLine("| Streams | Processor | msg/s | server p50 µs | server p99 µs | server p99.9 µs | server mean µs | added p50 µs | added p99 µs | added p99.9 µs | added p99 per round µs | first chunk p50/p99 µs (n) | CPU ms / 1k msg | net of idle | CPU masking / pass-through | net ratio | server cores busy | load generator cores busy | send lag p99 µs |");
        md.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in levels)
        {
            var compared = r.Kind is ProcessorKind.Masking or ProcessorKind.MaskingNoAuditBodies;
            var ratio = compared ? Ratio(levels, r.Streams, net: false, r.Kind) : double.NaN;
            var netRatio = compared ? Ratio(levels, r.Streams, net: true, r.Kind) : double.NaN;
            md.AppendLine(Inv($"| {r.Streams:N0} | {Name(r.Kind)} | {r.MessagesPerSecond:N0} | {F(r.ServerP50Micros, 1)} | {F(r.ServerP99Micros, 1)} | {F(r.ServerP999Micros, 1)} | {F(r.ServerMeanMicros, 1)} | {F(r.ClientP50Micros, 0)} | {F(r.ClientP99Micros, 0)} | {F(r.ClientP999Micros, 0)} | {PerRound(r.ClientP99Rounds)} | {F(r.FirstChunkP50Micros, 0)} / {F(r.FirstChunkP99Micros, 0)} ({r.FirstChunkSamples:N0}) | {F(r.CpuMillisPer1000, 3)} | {F(r.NetCpuMillisPer1000, 3)} | {Times(ratio)} | {Times(netRatio)} | {F(r.CpuSeconds / r.WindowSeconds, 2)} | {F(r.ClientCpuSeconds / r.WindowSeconds, 2)} | {F(r.SendLagP99Micros, 0)} |"));
        }

        md.AppendLine();
    }

    private static void RenderCorrectness(StringBuilder md, IReadOnlyList<LevelResult> levels)
    {
        md.AppendLine("## Correctness under load (whole level: ramp, window, drain) and GC in the window");
        md.AppendLine();
        md.AppendLine("| Streams | Processor | streams run | failed | chunks sent | answered | secrets planted (split) | masks counted by server | leaked | pass-through answers not CONTINUE | wrong answer type | server errors | server GCs (gen 2) | server GC pause ms | load generator GC pause ms |");
        md.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in levels)
        {
            var masking = r.Kind != ProcessorKind.PassThrough;
            md.AppendLine(Inv($"| {r.Streams:N0} | {Name(r.Kind)} | {r.StreamsStarted:N0} | {r.StreamErrors:N0} | {r.ChunksSent:N0} | {r.ChunksAnswered:N0} | {r.Planted:N0} ({r.Split:N0}) | {r.Masked:N0} | {(masking ? r.Leaks.ToString("N0", s_inv) : "n/a")} | {(masking ? "n/a" : r.PassThroughViolations.ToString("N0", s_inv))} | {r.ProtocolViolations:N0} | {r.ServerErrors:N0} | {r.ServerCollections:N0} ({r.ServerGen2Collections:N0}) | {r.ServerGcPauseMillis:N0} | {r.ClientGcPauseMillis:N0} |"));
        }

        md.AppendLine();
    }

    private static void RenderIdle(StringBuilder md, IReadOnlyList<IdleResult> idle)
    {
        if (idle.Count == 0)
        {
            return;
        }

        md.AppendLine("## Memory per idle open stream (headers answered, no body yet; no GC forced)");
        md.AppendLine();
        md.AppendLine("| Processor | streams | active seen by server | working set before → after MiB | per stream KiB | managed heap before → after MiB | per stream KiB |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in idle)
        {
            md.AppendLine(Inv($"| {Name(r.Kind)} | {r.Streams:N0} | {r.ActiveStreamsSeen:N0} | {r.WorkingSetBefore / 1048576:F1} → {r.WorkingSetAfter / 1048576:F1} | {r.WorkingSetPerStream / 1024:F2} | {r.ManagedBefore / 1048576:F1} → {r.ManagedAfter / 1048576:F1} | {r.ManagedPerStream / 1024:F2} |"));
        }

        md.AppendLine();
    }

    /// <summary>The result of <paramref name="kind"/> at <paramref name="streams"/>; null when that pair was not run.</summary>
    private static LevelResult? Find(IReadOnlyList<LevelResult> levels, int streams, ProcessorKind kind)
    {
        foreach (var r in levels)
        {
            if (r.Streams == streams && r.Kind == kind)
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>CPU per message of <paramref name="kind"/> divided by pass-through CPU per message at <paramref name="streams"/>.</summary>
    private static double Ratio(IReadOnlyList<LevelResult> levels, int streams, bool net, ProcessorKind kind = ProcessorKind.Masking) =>
        CpuOver(Find(levels, streams, kind), Find(levels, streams, ProcessorKind.PassThrough), net);

    /// <summary>CPU per message of <paramref name="a"/> over <paramref name="b"/>'s; NaN when either is missing.</summary>
    private static double CpuOver(LevelResult? a, LevelResult? b, bool net)
    {
        var denominator = b is null ? double.NaN : net ? b.NetCpuMillisPer1000 : b.CpuMillisPer1000;
        var numerator = a is null ? double.NaN : net ? a.NetCpuMillisPer1000 : a.CpuMillisPer1000;
        return denominator > 0 ? numerator / denominator : double.NaN;
    }

    /// <summary>Each round's figure in run order, joined with middle dots.</summary>
    private static string PerRound(IReadOnlyList<double> values)
    {
        var text = new StringBuilder();
        foreach (var v in values)
        {
            text.Append(text.Length == 0 ? "" : " · ").Append(F(v, 0));
        }

        return text.ToString();
    }

    private static string RoundsText(BenchOptions options) => options.Rounds == 1
        ? ""
        : Inv($"{options.Rounds} rounds, one after another, each running every level and processor once (latency quantiles pool the rounds' samples; CPU, counts and GC add up over the rounds' windows; server-side quantiles and send lag are the median round's). ");

    private static string Times(double ratio) => double.IsNaN(ratio) ? "" : F(ratio, 2) + "×";

    private static string Name(ProcessorKind kind) => kind switch
    {
        ProcessorKind.Masking => "masking",
        ProcessorKind.MaskingRaw => "masking, raw codec",
        ProcessorKind.MaskingNoAuditBodies => "masking, audit without bodies",
        _ => "pass-through",
    };

    /// <summary>CPU per message of the SSE-aware masking over the raw-byte masking of the same bytes at a level (net of background CPU).</summary>
    private static double SseOverRaw(IReadOnlyList<LevelResult> levels, int streams) =>
        CpuOver(Find(levels, streams, ProcessorKind.Masking), Find(levels, streams, ProcessorKind.MaskingRaw), net: true);

    private static string F(double value, int decimals) =>
        double.IsNaN(value) ? "–" : value.ToString("N" + decimals.ToString(s_inv), s_inv);

    private static string Inv(FormattableString text) => text.ToString(s_inv);
}
