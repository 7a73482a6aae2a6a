using Hush.Policy.Rules;
using Prometheus;

namespace Hush.ExtProc.Metrics;

/// <summary>
/// Every Prometheus instrument of the server, declared once per server in its own registry (so several servers in
/// one test process do not share series). Labels are bounded: phases, outcomes, directions and error kinds are
/// fixed sets; rule ids come from the loaded policy. No label ever carries traffic content.
/// </summary>
internal sealed partial class HushMetrics
{
    /// <summary>Creates the instruments in <paramref name="registry"/>, plus the process and .NET runtime series.</summary>
    public HushMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);

        // prometheus-net otherwise looks up the current trace context for an exemplar on every Inc and Observe
        // (several per ext_proc message; ~1 % of the server's CPU under load); Hush records no traces.
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        Streams = factory.CreateCounter("hush_extproc_streams_total", "ext_proc streams that ended, by outcome.", "outcome");
        ActiveStreams = factory.CreateGauge("hush_extproc_active_streams", "ext_proc streams open now.");
        Messages = factory.CreateCounter("hush_extproc_messages_total", "ext_proc messages received from Envoy, by phase.", "phase");
        MessageDuration = factory.CreateHistogram("hush_extproc_message_duration_seconds",
            "Server time to process one ext_proc message, by phase.",
            new HistogramConfiguration
            {
                LabelNames = ["phase"],
                // 5 µs to ~0.6 s in steps of 1.6x: fine enough for p99/p999 from the histogram alone.
                Buckets = Histogram.ExponentialBuckets(0.000005, 1.6, 26),
            });
        ScannedBytes = factory.CreateCounter("hush_scanned_bytes_total", "Body bytes scanned for secrets, by direction.", "direction");
        Masks = factory.CreateCounter("hush_masks_total", "Secrets masked, by rule id.", "rule");
        Holds = factory.CreateCounter("hush_hold_verdicts_total", "Hold verdicts raised by hold rules, by rule id.", "rule");
        HeldBackBytes = factory.CreateHistogram("hush_held_back_bytes",
            "Bytes held back (possible secret prefix) after answering a body chunk.",
            new HistogramConfiguration { Buckets = [0, 16, 64, 256, 1024, 4096, 16384, 65536, 262144] });
        PolicyInfo = factory.CreateGauge("hush_policy_info", "The loaded policies (value 1), by route (default or a Hush:Routes name).",
            "name", "version", "sha256", "route");
        Reloads = factory.CreateCounter("hush_policy_reloads_total", "Policy artifact loads by result.", "result");
        Errors = factory.CreateCounter("hush_errors_total", "Errors by kind.", "kind");
        ImmediateResponses = factory.CreateCounter("hush_immediate_responses_total",
            "Immediate (local) replies sent to Envoy, by HTTP status.", "status");
        SkippedBodies = factory.CreateCounter("hush_skipped_bodies_total",
            "Bodies left unscanned because their content type is binary, by direction.", "direction");
        CreateApprovalAndAudit(factory);
        MessagesByPhase = ByPhase(Messages);
        DurationByPhase = ByPhase(MessageDuration);
        ScannedRequestBytes = ScannedBytes.WithLabels("request");
        ScannedResponseBytes = ScannedBytes.WithLabels("response");
        if (!ReferenceEquals(registry, Prometheus.Metrics.DefaultRegistry))
        {
            DotNetStats.Register(registry);
        }

        // Ephemeral collections stop every thread: their total is what GC adds to message latency.
        var pause = factory.CreateCounter("dotnet_gc_pause_seconds_total", "Time the process spent paused for garbage collections.");
        registry.AddBeforeCollectCallback(() => pause.IncTo(GC.GetTotalPauseDuration().TotalSeconds));
    }

    /// <summary>The registry /metrics exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>ext_proc streams that ended, by outcome (completed, cancelled, error, rejected, unavailable).</summary>
    public Counter Streams { get; }

    /// <summary>ext_proc streams open now.</summary>
    public Gauge ActiveStreams { get; }

    /// <summary>Messages received from Envoy by phase.</summary>
    public Counter Messages { get; }

    /// <summary>Server time spent on one message, by phase.</summary>
    public Histogram MessageDuration { get; }

    /// <summary>Body bytes scanned, by direction (request, response).</summary>
    public Counter ScannedBytes { get; }

    /// <summary>Secrets masked, by rule id.</summary>
    public Counter Masks { get; }

    /// <summary>Hold verdicts raised, by rule id.</summary>
    public Counter Holds { get; }

    /// <summary>Bytes a stream held back after answering a body chunk.</summary>
    public Histogram HeldBackBytes { get; }

    /// <summary>The loaded policy (value 1): name, version and artifact sha256.</summary>
    public Gauge PolicyInfo { get; }

    /// <summary>Policy loads and reloads by result (loaded, error, unchanged).</summary>
    public Counter Reloads { get; }

    /// <summary>Errors by kind (protocol, limit, decompression, internal, policy).</summary>
    public Counter Errors { get; }

    /// <summary>Immediate responses sent, by HTTP status.</summary>
    public Counter ImmediateResponses { get; }

    /// <summary>Bodies not scanned on purpose (binary content type), by direction.</summary>
    public Counter SkippedBodies { get; }

    /// <summary>Metric label of each phase, indexed by <c>MessagePhase</c>.</summary>
    public static readonly string[] PhaseLabels =
        ["request_headers", "request_body", "request_trailers", "response_headers", "response_body", "response_trailers"];

    /// <summary>Per-phase message counters, indexed by <c>MessagePhase</c> (cached: no label lookup per message).</summary>
    public Counter.Child[] MessagesByPhase { get; }

    /// <summary>Per-phase duration histograms, indexed by <c>MessagePhase</c>.</summary>
    public Histogram.Child[] DurationByPhase { get; }

    /// <summary>Scanned bytes of requests.</summary>
    public Counter.Child ScannedRequestBytes { get; }

    /// <summary>Scanned bytes of responses.</summary>
    public Counter.Child ScannedResponseBytes { get; }

    private static TChild[] ByPhase<TChild>(Collector<TChild> collector)
        where TChild : ChildBase
    {
        var children = new TChild[PhaseLabels.Length];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = collector.WithLabels(PhaseLabels[i]);
        }

        return children;
    }

    /// <summary>Replaces the policy info series of <paramref name="route"/>'s previous policy with the current one.</summary>
    public void SetPolicyInfo(string route, CompiledPolicy? previous, string? previousSha, CompiledPolicy current, string currentSha)
    {
        if (previous is not null && previousSha is not null)
        {
            PolicyInfo.RemoveLabelled(previous.Name, previous.Version, previousSha, route);
        }

        PolicyInfo.WithLabels(current.Name, current.Version, currentSha, route).Set(1);
    }
}
