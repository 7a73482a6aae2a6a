namespace Hush.ExtProc.Audit;

/// <summary>A hash-chained, append-only store of <see cref="AuditRecord"/>s (one per exchange).</summary>
internal interface IAuditStore : IAsyncDisposable
{
    /// <summary>
    /// Appends one record: stamps the time, caps the masked texts, assigns the next sequence number and previous hash
    /// atomically (safe under concurrent callers and other processes), and returns the record as stored.
    /// The caller passes only masked text.
    /// </summary>
    Task<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Appends several records in one transaction (in list order); returns them as stored.</summary>
    Task<IReadOnlyList<AuditRecord>> AppendRangeAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Records matching <paramref name="filter"/>, by ascending sequence number.</summary>
    IAsyncEnumerable<AuditRecord> QueryAsync(AuditFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Writes the matching records as JSON lines (the canonical form with its <c>hash</c> key), streaming; returns the count.</summary>
    Task<long> WriteJsonLinesAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken = default);

    /// <summary>Deletes records older than <paramref name="days"/> days, keeping the last deleted record as the chain anchor; returns the count.</summary>
    Task<long> DeleteOlderThanAsync(int days, CancellationToken cancellationToken = default);

    /// <summary>The retention anchor, or null when nothing was ever deleted.</summary>
    Task<AuditAnchor?> GetAnchorAsync(CancellationToken cancellationToken = default);

    /// <summary>Verifies the whole stored chain from the anchor.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);
}
