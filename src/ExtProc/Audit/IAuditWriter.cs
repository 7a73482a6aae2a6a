namespace Hush.ExtProc.Audit;

/// <summary>
/// The data path's door to the audit trail: queues records for a background batch writer without waiting for the
/// store. Fail-closed callers refuse new exchanges while <see cref="Accepting"/> is false.
/// </summary>
internal interface IAuditWriter
{
    /// <summary>False while the store is failing or the queue is full: new exchanges should be refused (fail closed).</summary>
    bool Accepting { get; }

    /// <summary>Queues <paramref name="record"/> (masked data only); false when it could not be queued (counted as a write failure).</summary>
    bool TryWrite(AuditRecord record);
}
