using System.Collections.Concurrent;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Metrics;

namespace Hush.ExtProc.Approvals;

/// <summary>
/// The approval workflow over an <see cref="IHoldStore"/>: raises holds (and notifies), applies approvers' decisions
/// under the policy's rules (approver groups, no self-approval, justification required, bound to the answer's
/// digest), wakes the stream waiting for a decision (in this process directly, in other replicas through the store's
/// change feed), expires stale holds, and writes one audit record per decision.
/// </summary>
internal sealed partial class ApprovalService
{
    private readonly IHoldStore _store;
    private readonly HoldOptions _options;
    private readonly TimeProvider _time;
    private readonly HushMetrics _metrics;
    private readonly IHoldNotifier? _notifier;
    private readonly IAuditWriter? _audit;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    /// <summary>Creates the service.</summary>
    public ApprovalService(IHoldStore store, HoldOptions options, TimeProvider time, HushMetrics metrics,
        IHoldNotifier? notifier = null, IAuditWriter? audit = null)
    {
        _store = store;
        _options = options;
        _time = time;
        _metrics = metrics;
        _notifier = notifier;
        _audit = audit;
    }

    /// <summary>The store behind the service.</summary>
    public IHoldStore Store => _store;

    /// <summary>The settings.</summary>
    public HoldOptions Options => _options;

    /// <summary>Persists a new pending hold, counts it and queues its notifications.</summary>
    public async Task CreateAsync(HoldRecord hold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hold);
        await _store.CreateAsync(hold, cancellationToken).ConfigureAwait(false);
        _metrics.HoldsRaised.Inc();
        await RefreshPendingAsync(cancellationToken).ConfigureAwait(false);
        _notifier?.Notify(hold with { MaskedAnswer = null });
    }

    /// <summary>The hold with <paramref name="id"/> (without its answer), or null.</summary>
    public Task<HoldRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _store.GetAsync(id, includeAnswer: false, cancellationToken);

    /// <summary>Holds in <paramref name="status"/> (all when null), newest first.</summary>
    public Task<IReadOnlyList<HoldRecord>> ListAsync(HoldStatus? status, int limit, CancellationToken cancellationToken = default) =>
        _store.ListAsync(status, limit, cancellationToken);

    /// <summary>
    /// Applies an approver's decision if the rules allow it: a non-blank justification, the approver in one of the
    /// hold's approver groups and not its requester, the hold still pending, and (when <paramref name="expectedDigest"/>
    /// is given) the answer unchanged.
    /// </summary>
    public async Task<DecisionResult> DecideAsync(string id, ApproverIdentity approver, bool approve, string? justification,
        string? expectedDigest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approver);
        var hold = await _store.GetAsync(id, includeAnswer: false, cancellationToken).ConfigureAwait(false);
        if (hold is null)
        {
            return new DecisionResult(DecisionError.NotFound, null);
        }

        if (string.IsNullOrWhiteSpace(justification))
        {
            return new DecisionResult(DecisionError.JustificationRequired, hold);
        }

        if (hold.Requester?.Subject is { } requester && string.Equals(requester, approver.Subject, StringComparison.Ordinal))
        {
            return new DecisionResult(DecisionError.OwnHold, hold);
        }

        if (!MayApprove(hold, approver))
        {
            return new DecisionResult(DecisionError.NotAnApprover, hold);
        }

        var now = _time.GetUtcNow();
        if (hold.Status != HoldStatus.Pending || hold.ExpiresAt <= now)
        {
            return new DecisionResult(DecisionError.NotPending, hold);
        }

        if (expectedDigest is not null && !string.Equals(expectedDigest, hold.AnswerDigest, StringComparison.OrdinalIgnoreCase))
        {
            return new DecisionResult(DecisionError.DigestMismatch, hold);
        }

        var decision = new HoldDecision(approve, approver.Subject, justification.Trim(), now, hold.AnswerDigest);
        var decided = await _store.DecideAsync(id, decision, cancellationToken).ConfigureAwait(false);
        if (decided is null)
        {
            // Someone else (another approver, replica or the expiry sweep) won the race.
            return new DecisionResult(DecisionError.NotPending, await _store.GetAsync(id, false, cancellationToken).ConfigureAwait(false));
        }

        OnDecided(decided);
        await RefreshPendingAsync(cancellationToken).ConfigureAwait(false);
        return new DecisionResult(DecisionError.None, decided);
    }

    /// <summary>True when <paramref name="approver"/> is in one of the hold's approver groups.</summary>
    public static bool MayApprove(HoldRecord hold, ApproverIdentity approver)
    {
        ArgumentNullException.ThrowIfNull(hold);
        ArgumentNullException.ThrowIfNull(approver);
        foreach (var group in hold.ApproverGroups)
        {
            foreach (var mine in approver.Groups)
            {
                if (string.Equals(group, mine, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Expires every pending hold past its expiry (one sweep); returns how many expired.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken = default)
    {
        var expired = await _store.ExpireAsync(_time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var hold in expired)
        {
            OnDecided(hold);
        }

        await RefreshPendingAsync(cancellationToken).ConfigureAwait(false);
        return expired.Count;
    }

    /// <summary>Wakes the local stream waiting on <paramref name="id"/> (called for changes seen in other replicas).</summary>
    public void Signal(string id)
    {
        if (_waiters.TryRemove(id, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    // The gauge is read from the store (every replica's holds), so replicas agree and a restart starts right.
    private async Task RefreshPendingAsync(CancellationToken cancellationToken) =>
        _metrics.PendingApprovals.Set(await _store.CountAsync(HoldStatus.Pending, cancellationToken).ConfigureAwait(false));

    private void OnDecided(HoldRecord hold)
    {
        var label = hold.Status switch
        {
            HoldStatus.Approved => "approved",
            HoldStatus.Denied => "denied",
            _ => "expired",
        };
        _metrics.ApprovalDecisions.WithLabels(label).Inc();
        if (hold.DecidedAt is { } at)
        {
            _metrics.ApprovalWait.Observe(Math.Max(0, (at - hold.CreatedAt).TotalSeconds));
        }

        _audit?.TryWrite(DecisionRecord(hold));
        Signal(hold.Id);
    }
}
