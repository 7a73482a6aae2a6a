using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Tests.Api;

/// <summary>An audit store whose reads fail (a database that went away), for the API's error paths.</summary>
internal sealed class FailingAuditStore : IAuditStore
{
    public Task<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) => throw Unavailable();

    public Task<IReadOnlyList<AuditRecord>> AppendRangeAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default) =>
        throw Unavailable();

    public IAsyncEnumerable<AuditRecord> QueryAsync(AuditFilter filter, CancellationToken cancellationToken = default) => throw Unavailable();

    public Task<long> WriteJsonLinesAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken = default) =>
        Task.FromException<long>(Unavailable());

    public Task<long> DeleteOlderThanAsync(int days, CancellationToken cancellationToken = default) => throw Unavailable();

    public Task<AuditAnchor?> GetAnchorAsync(CancellationToken cancellationToken = default) => throw Unavailable();

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) => throw Unavailable();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static InvalidOperationException Unavailable() => new("audit database unavailable (test)");
}
