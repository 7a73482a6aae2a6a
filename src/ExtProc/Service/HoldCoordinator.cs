using System.Security.Cryptography;
using Envoy.Service.ExtProc.V3;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Hosting;
using Hush.ExtProc.Metrics;
using Hush.ExtProc.Processing;

namespace Hush.ExtProc.Service;

/// <summary>
/// The asynchronous half of holds for the stream loop: persists a raised hold, waits for its decision within the
/// inline window, settles the single-use release, and answers deferred fetches. Any store failure refuses (fail
/// closed); nothing here ever releases bytes the processor did not mask.
/// </summary>
internal sealed class HoldCoordinator
{
    private readonly ApprovalService _approvals;
    private readonly TimeProvider _time;
    private readonly HushMetrics _metrics;
    private readonly ILogger<HoldCoordinator> _logger;

    /// <summary>Creates the coordinator.</summary>
    public HoldCoordinator(ApprovalService approvals, TimeProvider time, HushMetrics metrics, ILogger<HoldCoordinator> logger)
    {
        _approvals = approvals;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Persists <paramref name="raised"/>, waits for a decision and returns the answers that end the response.</summary>
    public async Task<IReadOnlyList<ProcessingResponse>> ResolveAsync(StreamProcessor processor, HoldRecord raised, TimeSpan window,
        CancellationToken cancellationToken)
    {
        Log.HoldRaised(_logger, raised.Id, raised.Route ?? "", string.Join(",", raised.Rules.Select(r => r.Rule)));
        var resolution = HoldResolution.Failed;
        var state = raised;
        try
        {
            if (raised.MaskedAnswer is null)
            {
                Log.HoldFailed(_logger, raised.Id, "answer larger than Hush:MaxBufferedBodyBytes");
            }
            else
            {
                await _approvals.CreateAsync(raised, cancellationToken).ConfigureAwait(false);
                state = await _approvals.WaitForDecisionAsync(raised.Id, window, cancellationToken).ConfigureAwait(false);
                resolution = state.Status switch
                {
                    HoldStatus.Approved => await _approvals.Store.TryReleaseAsync(raised.Id, raised.AnswerDigest, raised.PolicySha256,
                        _time.GetUtcNow(), cancellationToken).ConfigureAwait(false) ? HoldResolution.Released : HoldResolution.Failed,
                    HoldStatus.Denied => HoldResolution.Denied,
                    HoldStatus.Expired => HoldResolution.Expired,
                    _ => HoldResolution.Deferred,
                };
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.HoldFailed(_logger, raised.Id, ex.GetType().Name);
            resolution = HoldResolution.Failed;
        }

        _metrics.HeldStreams.WithLabels(resolution.ToString().ToLowerInvariant()).Inc();
        Log.HoldResolved(_logger, raised.Id, resolution.ToString());
        return processor.ResolveHold(resolution, state);
    }

    /// <summary>Answers a deferred fetch of hold <paramref name="id"/> for the stream's caller.</summary>
    public async Task<IReadOnlyList<ProcessingResponse>> FetchAsync(StreamProcessor processor, string id, CancellationToken cancellationToken)
    {
        HoldRecord? hold = null;
        FetchOutcome outcome;
        try
        {
            hold = await _approvals.Store.GetAsync(id, includeAnswer: true, cancellationToken).ConfigureAwait(false);
            outcome = await DecideFetchAsync(processor, hold, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.HoldFailed(_logger, id, ex.GetType().Name);
            outcome = FetchOutcome.Failed;
        }

        if (outcome is FetchOutcome.NotFound or FetchOutcome.Forbidden)
        {
            hold = null; // tell a stranger nothing about the hold
        }

        return processor.AnswerFetch(outcome, hold);
    }

    private async Task<FetchOutcome> DecideFetchAsync(StreamProcessor processor, HoldRecord? hold, CancellationToken cancellationToken)
    {
        if (hold is null)
        {
            return FetchOutcome.NotFound;
        }

        var owner = hold.Requester?.Subject;
        if (owner is null || !string.Equals(owner, processor.Identity?.Subject, StringComparison.Ordinal))
        {
            return FetchOutcome.Forbidden;
        }

        switch (hold.Status)
        {
            case HoldStatus.Pending:
                return hold.ExpiresAt <= _time.GetUtcNow() ? FetchOutcome.Refused : FetchOutcome.Pending;
            case HoldStatus.Denied or HoldStatus.Expired:
                return FetchOutcome.Refused;
        }

        if (hold.ReleasedAt is not null || hold.MaskedAnswer is null)
        {
            return FetchOutcome.Collected;
        }

        // The stored bytes must still be the ones the approver approved.
        var digest = Convert.ToHexStringLower(SHA256.HashData(hold.MaskedAnswer));
        if (!string.Equals(digest, hold.AnswerDigest, StringComparison.Ordinal))
        {
            return FetchOutcome.Failed;
        }

        return await _approvals.Store.TryReleaseAsync(hold.Id, digest, hold.PolicySha256, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
            ? FetchOutcome.Released
            : FetchOutcome.Collected;
    }
}
