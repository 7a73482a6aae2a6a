namespace Hush.ExtProc.Audit;

/// <summary>Settings of the embedded SQLite audit store.</summary>
internal sealed class AuditOptions
{
    /// <summary>The database file name inside <see cref="DataFolder"/>.</summary>
    public const string DatabaseFileName = "audit.db";

    /// <summary>Folder holding <c>audit.db</c> and its WAL files; created if missing.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Largest masked request or response kept per record, in UTF-8 bytes (64 KiB); longer text is cut and flagged truncated.</summary>
    public int MaxMaskedBytes { get; set; } = 64 * 1024;

    /// <summary>Records older than this many days are removed by <see cref="IAuditStore.DeleteOlderThanAsync"/>; 0 keeps everything.</summary>
    public int RetentionDays { get; set; }
}
