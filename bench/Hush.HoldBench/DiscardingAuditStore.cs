using Hush.ExtProc.Audit;

namespace Hush.HoldBench;

/// <summary>The baseline audit store: chains and hashes like a real one but keeps nothing (no I/O), so the difference is the cost of storing.</summary>
internal sealed class DiscardingAuditStore : IAuditStore
{
    private long _sequence;
    private string _head = AuditCanonical.GenesisHash;

    public Task<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
        Task.FromResult(Chain(record));

    public Task<IReadOnlyList<AuditRecord>> AppendRangeAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        var stored = new AuditRecord[records.Count];
        for (var i = 0; i < stored.Length; i++)
        {
            stored[i] = Chain(records[i]);
        }

        return Task.FromResult<IReadOnlyList<AuditRecord>>(stored);
    }

    public IAsyncEnumerable<AuditRecord> QueryAsync(AuditFilter filter, CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<AuditRecord>();

    public Task<long> WriteJsonLinesAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public Task<long> DeleteOlderThanAsync(int days, CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public Task<AuditAnchor?> GetAnchorAsync(CancellationToken cancellationToken = default) => Task.FromResult<AuditAnchor?>(null);

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) => Task.FromResult(new AuditVerification());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private AuditRecord Chain(AuditRecord record)
    {
        var chained = record with { Sequence = ++_sequence, Time = DateTimeOffset.UtcNow, PrevHash = _head, Hash = "" };
        chained = chained with { Hash = AuditCanonical.ComputeHash(chained) };
        _head = chained.Hash;
        return chained;
    }
}
