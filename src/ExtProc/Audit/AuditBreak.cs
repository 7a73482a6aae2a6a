namespace Hush.ExtProc.Audit;

/// <summary>Why a chain failed verification.</summary>
internal enum AuditBreak
{
    /// <summary>The chain is intact.</summary>
    None,

    /// <summary>A sequence number is missing, repeated or out of order (a deleted or inserted record).</summary>
    SequenceGap,

    /// <summary>The record's previous-hash field differs from the hash of the record before it.</summary>
    PrevHashMismatch,

    /// <summary>The record's content does not hash to its stored hash (an edited field).</summary>
    HashMismatch,

    /// <summary>A stored row cannot be decoded into a record (an edited value that is not valid for its field).</summary>
    Malformed,
}
