using Prometheus;

namespace Hush.ExtProc.Metrics;

/// <summary>Instruments of holds, approvals and the audit trail.</summary>
internal sealed partial class HushMetrics
{
    /// <summary>Holds raised (one per held answer).</summary>
    public Counter HoldsRaised { get; private set; } = null!;

    /// <summary>Holds waiting for a decision now (all replicas; read from the store after each change and sweep).</summary>
    public Gauge PendingApprovals { get; private set; } = null!;

    /// <summary>Decisions by outcome: approved, denied, expired.</summary>
    public Counter ApprovalDecisions { get; private set; } = null!;

    /// <summary>Time from a hold being raised to its decision.</summary>
    public Histogram ApprovalWait { get; private set; } = null!;

    /// <summary>How held streams ended: released, denied, expired, deferred, cancelled.</summary>
    public Counter HeldStreams { get; private set; } = null!;

    /// <summary>Audit records stored.</summary>
    public Counter AuditRecordsWritten { get; private set; } = null!;

    /// <summary>Audit records that could not be stored or queued, by reason (queue_full, store_error).</summary>
    public Counter AuditWriteFailures { get; private set; } = null!;

    /// <summary>Audit records queued and not yet stored.</summary>
    public Gauge AuditQueueDepth { get; private set; } = null!;

    /// <summary>Exchanges refused because the audit trail could not take their record (fail closed).</summary>
    public Counter AuditRefusals { get; private set; } = null!;

    private void CreateApprovalAndAudit(MetricFactory factory)
    {
        HoldsRaised = factory.CreateCounter("hush_holds_raised_total", "Answers held for approval.");
        PendingApprovals = factory.CreateGauge("hush_approvals_pending", "Holds waiting for a decision.");
        ApprovalDecisions = factory.CreateCounter("hush_approval_decisions_total", "Hold decisions by outcome (approved, denied, expired).", "decision");
        ApprovalWait = factory.CreateHistogram("hush_approval_wait_seconds", "Time from a hold being raised to its decision.",
            new HistogramConfiguration { Buckets = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200] });
        HeldStreams = factory.CreateCounter("hush_held_streams_total", "How held streams ended (released, denied, expired, deferred, cancelled).", "outcome");
        AuditRecordsWritten = factory.CreateCounter("hush_audit_records_written_total", "Audit records stored.");
        AuditWriteFailures = factory.CreateCounter("hush_audit_write_failures_total", "Audit records not stored, by reason (queue_full, store_error).", "reason");
        AuditQueueDepth = factory.CreateGauge("hush_audit_queue_records", "Audit records queued and not yet stored.");
        AuditRefusals = factory.CreateCounter("hush_audit_refused_exchanges_total", "Exchanges refused because the audit trail was unavailable (fail closed).");
    }
}
