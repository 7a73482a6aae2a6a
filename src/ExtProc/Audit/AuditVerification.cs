namespace Hush.ExtProc.Audit;

/// <summary>The outcome of verifying an audit chain.</summary>
internal sealed record AuditVerification
{
    /// <summary>True when every record checked out.</summary>
    public bool Intact => Break == AuditBreak.None;

    /// <summary>Why the chain broke, or <see cref="AuditBreak.None"/>.</summary>
    public AuditBreak Break { get; init; }

    /// <summary>The first sequence number that cannot be proved (the missing or invalid record), when broken.</summary>
    public long? BrokenSequence { get; init; }

    /// <summary>A human-readable reason (expected and found values; hashes and sequence numbers only, never record text).</summary>
    public string? Detail { get; init; }

    /// <summary>Records checked before the verdict.</summary>
    public long RecordCount { get; init; }

    /// <summary>Sequence of the last verified record (the chain head), or the anchor's when no record remains.</summary>
    public long HeadSequence { get; init; }

    /// <summary>Hash of the last verified record; keep it outside the store to detect a truncated tail later.</summary>
    public string HeadHash { get; init; } = AuditCanonical.GenesisHash;
}
