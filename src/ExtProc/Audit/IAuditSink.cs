namespace Hush.ExtProc.Audit;

/// <summary>A streaming copy of the audit trail to somewhere else (a SIEM). Receives each record once it is stored.</summary>
internal interface IAuditSink
{
    /// <summary>The sink's name (metric label).</summary>
    string Name { get; }

    /// <summary>Queues a stored record (with its hash) for sending; returns at once, dropping (counted) when the queue is full.</summary>
    void Publish(AuditRecord stored);
}
