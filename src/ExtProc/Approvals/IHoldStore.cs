namespace Hush.ExtProc.Approvals;

/// <summary>
/// Durable store of holds (SQLite for one replica, PostgreSQL for several). Every state change is a compare-and-set
/// on <see cref="HoldStatus.Pending"/>, so concurrent approvers, replicas and the expiry sweep cannot both win.
/// </summary>
internal interface IHoldStore : IAsyncDisposable
{
    /// <summary>Persists a new pending hold (with its masked answer).</summary>
    Task CreateAsync(HoldRecord hold, CancellationToken cancellationToken = default);

    /// <summary>The hold with <paramref name="id"/>, or null; <see cref="HoldRecord.MaskedAnswer"/> only with <paramref name="includeAnswer"/>.</summary>
    Task<HoldRecord?> GetAsync(string id, bool includeAnswer = false, CancellationToken cancellationToken = default);

    /// <summary>Holds in <paramref name="status"/> (all when null), newest first, at most <paramref name="limit"/>, without answers.</summary>
    Task<IReadOnlyList<HoldRecord>> ListAsync(HoldStatus? status, int limit, CancellationToken cancellationToken = default);

    /// <summary>How many holds are in <paramref name="status"/> now (every replica's).</summary>
    Task<int> CountAsync(HoldStatus status, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="decision"/> if the hold is still pending, not expired at <see cref="HoldDecision.At"/>,
    /// and (when given) its digest equals <see cref="HoldDecision.ExpectedDigest"/>. Returns the updated hold, or null
    /// when nothing changed (unknown id, already decided, expired, digest mismatch). Signals the change to other replicas.
    /// </summary>
    Task<HoldRecord?> DecideAsync(string id, HoldDecision decision, CancellationToken cancellationToken = default);

    /// <summary>Turns every pending hold whose expiry is at or before <paramref name="now"/> into <see cref="HoldStatus.Expired"/>; returns them.</summary>
    Task<IReadOnlyList<HoldRecord>> ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks an approved hold released (single use) if it is approved, not yet released, and its digest and policy
    /// equal <paramref name="answerDigest"/> and <paramref name="policySha256"/>. Returns true exactly once per hold.
    /// </summary>
    Task<bool> TryReleaseAsync(string id, string answerDigest, string policySha256, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs until cancelled, calling <paramref name="changed"/> with the id of every hold decided or expired by
    /// another replica (PostgreSQL LISTEN/NOTIFY). Stores without replicas return a completed task.
    /// </summary>
    Task WatchAsync(Func<string, CancellationToken, ValueTask> changed, CancellationToken cancellationToken);
}
