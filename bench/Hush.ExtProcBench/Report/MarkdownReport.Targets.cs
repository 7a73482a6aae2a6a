using System.Text;

namespace Hush.ExtProcBench.Report;

/// <summary>The targets checked against the measured figures, and how the figures were obtained.</summary>
internal static partial class MarkdownReport
{
    private const double LatencyTargetMicros = 1000;
    private const double CpuRatioTarget = 1.3;
    private const double IdleTargetBytes = 16 * 1024;
    private const double MinRateForCpuVerdict = 1000;

    /// <summary>
    /// The pass-through round trip at the same level, for scale: the ext_proc hop alone on this machine, which the
    /// verdict still counts (the target is the absolute round trip).
    /// </summary>
    private static string PassThroughFloor(IReadOnlyList<LevelResult> levels, LevelResult masking) =>
        Find(levels, masking.Streams, ProcessorKind.PassThrough) is { } r
            ? Inv($" (pass-through round trip at this level: {F(r.ClientP99MedianRound, 0)} µs; masking adds {F(masking.ClientP99MedianRound - r.ClientP99MedianRound, 0)} µs at p99, {F(masking.ClientP50Micros - r.ClientP50Micros, 0)} µs at p50)")
            : "";

    /// <summary>The p99 a latency verdict uses: the window's, or the median round's with every round and the pooled figure.</summary>
    private static string P99(LevelResult r) => r.ClientP99Rounds.Count <= 1
        ? Inv($"{F(r.ClientP99Micros, 0)} µs")
        : Inv($"{F(r.ClientP99MedianRound, 0)} µs, median of {r.ClientP99Rounds.Count} rounds' p99 ({PerRound(r.ClientP99Rounds)} µs; all samples pooled {F(r.ClientP99Micros, 0)} µs)");

    /// <summary>As <see cref="P99"/> for the first chunk of each stream, with the number of first chunks timed.</summary>
    private static string FirstP99(LevelResult r) => r.FirstChunkP99Rounds.Count <= 1
        ? Inv($"{F(r.FirstChunkP99Micros, 0)} µs (p50 {F(r.FirstChunkP50Micros, 0)} µs, {r.FirstChunkSamples:N0} streams)")
        : Inv($"{F(r.FirstChunkP99MedianRound, 0)} µs, median of {r.FirstChunkP99Rounds.Count} rounds' p99 ({PerRound(r.FirstChunkP99Rounds)} µs; {r.FirstChunkSamples:N0} first chunks pooled: p99 {F(r.FirstChunkP99Micros, 0)} µs, p50 {F(r.FirstChunkP50Micros, 0)} µs)");

    private static void RenderTargets(StringBuilder md, IReadOnlyList<LevelResult> levels, IReadOnlyList<IdleResult> idle)
    {
        md.AppendLine("## Targets");
        md.AppendLine();
        md.AppendLine("| Target | Measured | Verdict |");
        md.AppendLine("|---|---|---|");
        var top = 0;
        foreach (var r in levels)
        {
            top = Math.Max(top, r.Streams);
        }

        foreach (var r in levels)
        {
            if (r.Kind == ProcessorKind.Masking && r.Streams == top)
            {
                md.AppendLine(Inv($"| p99 added latency per chunk < 1 ms at {top:N0} streams (masking) | {P99(r)} (server-side p99 {F(r.ServerP99Micros, 1)} µs; the server stood paused for GC {F(r.ServerGcPauseMillis / (r.WindowSeconds * 10), 1)} % of the window) | {Verdict(r.ClientP99MedianRound < LatencyTargetMicros)} |"));
            }
        }

        foreach (var r in levels)
        {
            if (r.Kind == ProcessorKind.Masking)
            {
                // Issue 4: SSE events go through the SSE codec (the load's content type is text/event-stream).
                md.AppendLine(Inv($"| SSE: added latency per event p99 < 1 ms ({r.Streams:N0} streams, masking) | {P99(r)}{PassThroughFloor(levels, r)} | {Verdict(r.ClientP99MedianRound < LatencyTargetMicros)} |"));
                md.AppendLine(Inv($"| SSE: added time-to-first-token < 1 ms, first event (p99, {r.Streams:N0} streams, masking) | {FirstP99(r)} | {Verdict(r.FirstChunkP99MedianRound < LatencyTargetMicros)} |"));
            }
        }

        foreach (var r in levels)
        {
            if (r.Kind == ProcessorKind.MaskingRaw)
            {
                var sseOverRaw = SseOverRaw(levels, r.Streams);
                md.AppendLine(Inv($"| SSE: SSE-aware masking ≥ 50 % of raw-byte masking throughput, as CPU per message through ext_proc ({r.Streams:N0} streams; raw ÷ SSE) | {F(1 / sseOverRaw, 2)} (SSE costs {F(sseOverRaw, 2)}× raw per message, net of background CPU; server p50 {F(r.ServerP50Micros, 1)} µs raw) | {CpuVerdict(r, 1 / sseOverRaw >= 0.5)} |"));
            }
        }

        var levelsSeen = new SortedSet<int>();
        foreach (var r in levels)
        {
            levelsSeen.Add(r.Streams);
        }

        foreach (var streams in levelsSeen)
        {
            var ratio = Ratio(levels, streams, net: false);
            if (!double.IsNaN(ratio))
            {
                var net = Ratio(levels, streams, net: true);
                md.AppendLine(Inv($"| masking CPU per message ≤ 1.3× pass-through ({streams:N0} streams) | {F(ratio, 2)}× ({F(net, 2)}× net of background CPU) | {CpuVerdict(Find(levels, streams, ProcessorKind.Masking), ratio <= CpuRatioTarget)} |"));
            }

            // Not the verdict (the product audits bodies by default): how much of the ratio the audit's body copies are.
            var noBodies = Ratio(levels, streams, net: false, ProcessorKind.MaskingNoAuditBodies);
            if (!double.IsNaN(noBodies))
            {
                md.AppendLine(Inv($"| for scale: masking with audit records without bodies (`Hush:Audit:MaxMaskedBytes=0`) ({streams:N0} streams) | {F(noBodies, 2)}× pass-through | (not a verdict) |"));
            }
        }

        foreach (var r in idle)
        {
            md.AppendLine(Inv($"| memory per idle open stream ≤ 16 KiB ({Name(r.Kind)}, {r.Streams:N0} streams) | {F(r.WorkingSetPerStream / 1024, 2)} KiB working set, {F(r.ManagedPerStream / 1024, 2)} KiB managed heap | {Verdict(r.WorkingSetPerStream <= IdleTargetBytes && r.ManagedPerStream <= IdleTargetBytes)} |"));
        }

        var failures = 0L;
        foreach (var r in levels)
        {
            failures += r.Leaks + r.PassThroughViolations + r.ProtocolViolations + r.StreamErrors;
        }

        md.AppendLine(Inv($"| no leaked secret, every answer of the right type, no failed stream | {failures:N0} problems | {Verdict(failures == 0)} |"));
        md.AppendLine();
    }

    private static void RenderNotes(StringBuilder md)
    {
        md.AppendLine("## How the figures are obtained");
        md.AppendLine();
        md.AppendLine("- Each server is a separate child process (`dotnet Hush.ExtProc.dll`, Release, workstation concurrent GC), one masking with the default policy and one pass-through (`--Hush:PassThrough=true --Hush:AllowPassThrough=true`: same gRPC loop, answers CONTINUE without scanning); \"masking, raw codec\" is the masking server fed the same bytes as `text/plain`, and \"masking, audit without bodies\" the masking server with `--Hush:Audit:MaxMaskedBytes=0` (every exchange still gets its audit record, without the two masked bodies of up to 64 KiB). The load generator (this tool) is a third process on the same 2 cores, so it competes with the server for CPU: client-side latency includes its own scheduling.");
        md.AppendLine("- msg/s, server time and CPU cover only the measured window: the server's `/metrics` is scraped at both ends. msg/s = delta of `hush_extproc_messages_total` (all phases: headers and body chunks) / window. Server time per message = quantiles of the delta of `hush_extproc_message_duration_seconds` (all phases summed), interpolated linearly inside the bucket like PromQL `histogram_quantile` (buckets grow ×1.6, so a quantile is only as precise as its bucket: ±30 %).");
        md.AppendLine("- CPU = user + system time of the server process from /proc (`Process.TotalProcessorTime`), window delta, divided by the window's messages (10 ms tick resolution, so low-rate levels are coarse). \"net of idle\" first subtracts the server's background CPU measured with no stream open before the levels. The ratio compares masking with pass-through at the same level; the verdict uses the raw figure.");
        md.AppendLine("- Added latency per chunk = time from just before the client writes a body chunk to the arrival of its answer (answers are FIFO per stream), measured in the client at 1 µs resolution: it includes both directions of the h2c socket, HTTP/2 and gRPC framing on both sides and queueing, i.e. what Envoy would wait before releasing the chunk. The answer's arrival is stamped where the client first has it: with `--client h2` on the connection's read thread as the frame is parsed; with Grpc.Net.Client after its read loop and the call's reader hand it over (two thread-pool continuations more, which Envoy's event loop does not have). \"send lag\" is how late the load generator sent chunks against their schedule: when it grows, the machine (not only the server) is saturated.");
        md.AppendLine("- Rounds: with `--rounds N` every level and processor is measured N times, round after round, so that masking and pass-through alternate and a busy spell on the shared machine lands in one round of a level rather than in all of it. The latency tables pool the rounds' samples; the latency verdicts take the median of the rounds' p99 (and list every round), as the SSE codec benchmark takes the median of its rounds.");
        md.AppendLine("- Correctness: masking answers are reassembled per stream (mutation body, or the original chunk when unchanged) and searched for every planted fake secret (GitHub PATs with valid checksums, AWS key ids), including those split across chunks; pass-through answers must be CONTINUE with no mutation. `masks counted by server` may exceed planted secrets only if the filler text triggers a rule.");
        md.AppendLine("- The load generator sets `DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION=4096` for itself only (removed from the servers' environment unless `--server-env` sets it): with the default (32 per size and core) its 1,000 waiting gRPC reads exhaust the shared ArrayPool, every message then allocates ~10 KB of garbage and the client's own GC pauses dominate the measured latency. The servers run with runtime defaults; their GC counts and the time they stood paused for collections in the window (`dotnet_gc_pause_seconds_total`) are listed above.");
        md.AppendLine("- At low message rates CPU per message is dominated by fixed costs per wake-up (thread-pool spinning, timers, socket polling), not by scanning; the ratio is meaningful at the 1,000-stream level, and CPU verdicts are given only at levels of at least 1,000 msg/s.");
        md.AppendLine("- Idle memory: after warm-up, N streams exchange only request and response headers and stay open; working set (`process_working_set_bytes`) and managed heap (`dotnet_total_memory_bytes`) are read before and 2 s after, and the difference is divided by N. No GC is forced, so the managed figure can include garbage or be lowered by a collection in between.");
        md.AppendLine();
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    /// <summary>
    /// A CPU-per-message verdict, given only where the server is busy: below <see cref="MinRateForCpuVerdict"/> its
    /// CPU per message is the cost of waking up for each message and of its background work (hundreds of µs per
    /// message against tens of µs of server time), which says nothing about the cost of masking.
    /// </summary>
    private static string CpuVerdict(LevelResult? r, bool met) =>
        r is not null && r.MessagesPerSecond < MinRateForCpuVerdict
            ? Inv($"(not a verdict: at {F(r.MessagesPerSecond, 0)} msg/s CPU per message is wake-up cost, {F(r.CpuMillisPer1000, 0)} µs against {F(r.ServerMeanMicros, 0)} µs of server time)")
            : Verdict(met);

}
