using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Tests.Support;

/// <summary>An audit store whose database is down: every call fails, as after a lost connection or a full disk; counts the attempts.</summary>
internal sealed class FailingAuditStore : IAuditStore
{
    public int Attempts;

    public Task<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) => Fail<AuditRecord>();

    public Task<IReadOnlyList<AuditRecord>> AppendRangeAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default) =>
        Fail<IReadOnlyList<AuditRecord>>();

    public async IAsyncEnumerable<AuditRecord> QueryAsync(AuditFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Fail<int>();
        yield break;
    }

    public Task<long> WriteJsonLinesAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken = default) => Fail<long>();

    public Task<long> DeleteOlderThanAsync(int days, CancellationToken cancellationToken = default) => Fail<long>();

    public Task<AuditAnchor?> GetAnchorAsync(CancellationToken cancellationToken = default) => Fail<AuditAnchor?>();

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) => Fail<AuditVerification>();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<T> Fail<T>()
    {
        Interlocked.Increment(ref Attempts);
        return Task.FromException<T>(new IOException("audit database unreachable"));
    }
}
