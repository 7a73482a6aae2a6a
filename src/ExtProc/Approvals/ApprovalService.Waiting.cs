using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Approvals;

/// <summary>Waiting for decisions, and the audit record of a decision.</summary>
internal sealed partial class ApprovalService
{
    /// <summary>
    /// Waits up to <paramref name="window"/> for the hold to leave <see cref="HoldStatus.Pending"/>; returns the hold as
    /// it then stands (still pending when the window passed). Wakes on a local decision or <see cref="Signal"/> at
    /// once, and re-reads the store every <see cref="HoldOptions.PollInterval"/> in case a notification was missed.
    /// </summary>
    public async Task<HoldRecord> WaitForDecisionAsync(string id, TimeSpan window, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + window;
        while (true)
        {
            var waiter = _waiters.GetOrAdd(id, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var hold = await _store.GetAsync(id, includeAnswer: false, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("hold " + id + " vanished from the store");
            var remaining = deadline - _time.GetUtcNow();
            if (hold.Status != HoldStatus.Pending || remaining <= TimeSpan.Zero)
            {
                _waiters.TryRemove(new KeyValuePair<string, TaskCompletionSource>(id, waiter));
                return hold;
            }

            var nap = remaining < _options.PollInterval ? remaining : _options.PollInterval;
            try
            {
                await waiter.Task.WaitAsync(nap, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Poll: re-read the store.
            }
        }
    }

    /// <summary>Runs the store's change feed (other replicas' decisions) until cancelled.</summary>
    public Task WatchAsync(CancellationToken cancellationToken) =>
        _store.WatchAsync((id, _) =>
        {
            Signal(id);
            return ValueTask.CompletedTask;
        }, cancellationToken);

    private static AuditRecord DecisionRecord(HoldRecord hold)
    {
        var hits = new List<AuditRuleHit>(hold.Rules.Count);
        foreach (var rule in hold.Rules)
        {
            hits.Add(new AuditRuleHit(rule.Rule, rule.Count));
        }

        return AuditRecord.ForCaller(hold.Requester) with
        {
            Route = hold.Route,
            Provider = hold.Provider,
            Model = hold.Model,
            PolicySha256 = hold.PolicySha256,
            RuleHits = hits,
            Verdict = hold.Status switch
            {
                HoldStatus.Approved => AuditVerdict.Approved,
                HoldStatus.Denied => AuditVerdict.Denied,
                _ => AuditVerdict.Expired,
            },
            Approver = hold.DecidedBy,
            Justification = hold.Justification,
            HoldId = hold.Id,
            LatencyMicroseconds = hold.DecidedAt is { } at ? (long)((at - hold.CreatedAt).TotalMicroseconds) : 0,
        };
    }
}
