namespace Hush.ExtProc.Audit;

/// <summary>Settings of the audit trail (<c>Hush:Audit</c>): store location, caps, queue and retention.</summary>
internal sealed class AuditOptions
{
    /// <summary>The database file name inside <see cref="DataFolder"/>.</summary>
    public const string DatabaseFileName = "audit.db";

    /// <summary>Folder holding <c>audit.db</c> and its WAL files; created if missing.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Largest masked request or response kept per record, in UTF-8 bytes (64 KiB); longer text is cut and flagged truncated.</summary>
    public int MaxMaskedBytes { get; set; } = 64 * 1024;

    /// <summary>Records queued for the background writer at most; when full (or the store fails) new exchanges are refused.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Records appended per transaction at most.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>How long the writer lets a batch gather after the first queued record (records reach the store this much later; exchanges never wait).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// When true, exchanges go on while the audit trail cannot take their records (they are dropped and counted).
    /// Default false: fail closed, the exchange is refused with 503.
    /// </summary>
    public bool FailOpen { get; set; }

    /// <summary>Records older than this many days are removed by <see cref="IAuditStore.DeleteOlderThanAsync"/>; 0 keeps everything.</summary>
    public int RetentionDays { get; set; }
}
