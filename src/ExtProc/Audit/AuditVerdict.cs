namespace Hush.ExtProc.Audit;

/// <summary>What happened to one exchange. Stored and exported by its lowercase wire name (see <see cref="AuditVerdicts"/>).</summary>
internal enum AuditVerdict
{
    /// <summary>Nothing matched; the exchange passed unchanged.</summary>
    Passed,

    /// <summary>At least one secret was masked.</summary>
    Masked,

    /// <summary>A hold rule matched and the answer is waiting for an approver.</summary>
    Held,

    /// <summary>A held answer was approved and released.</summary>
    Approved,

    /// <summary>A held answer was denied.</summary>
    Denied,

    /// <summary>A held answer expired before a decision (treated as denied).</summary>
    Expired,

    /// <summary>The exchange failed (fail-closed error).</summary>
    Error,
}
