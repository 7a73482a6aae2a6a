using Hush.ExtProc.Approvals;

namespace Hush.ExtProc.Tests.Approvals;

/// <summary>A hold store whose database is down: every call throws.</summary>
internal sealed class FailingHoldStore : IHoldStore
{
    public Task CreateAsync(HoldRecord hold, CancellationToken cancellationToken = default) => Fail<int>();

    public Task<HoldRecord?> GetAsync(string id, bool includeAnswer = false, CancellationToken cancellationToken = default) => Fail<HoldRecord?>();

    public Task<IReadOnlyList<HoldRecord>> ListAsync(HoldStatus? status, int limit, CancellationToken cancellationToken = default) =>
        Fail<IReadOnlyList<HoldRecord>>();

    public Task<int> CountAsync(HoldStatus status, CancellationToken cancellationToken = default) => Fail<int>();

    public Task<HoldRecord?> DecideAsync(string id, HoldDecision decision, CancellationToken cancellationToken = default) => Fail<HoldRecord?>();

    public Task<IReadOnlyList<HoldRecord>> ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Fail<IReadOnlyList<HoldRecord>>();

    public Task<bool> TryReleaseAsync(string id, string answerDigest, string policySha256, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Fail<bool>();

    public Task WatchAsync(Func<string, CancellationToken, ValueTask> changed, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static Task<T> Fail<T>() => Task.FromException<T>(new IOException("hold database unreachable"));
}
