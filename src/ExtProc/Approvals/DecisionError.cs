namespace Hush.ExtProc.Approvals;

/// <summary>Why a decision was refused (<see cref="None"/> when it was applied).</summary>
internal enum DecisionError
{
    /// <summary>The decision was applied.</summary>
    None,

    /// <summary>No hold has that id (HTTP 404).</summary>
    NotFound,

    /// <summary>The hold was already approved, denied or expired (HTTP 409).</summary>
    NotPending,

    /// <summary>The held answer changed since the approver looked at it (HTTP 409).</summary>
    DigestMismatch,

    /// <summary>The requester tried to decide on their own hold (HTTP 403).</summary>
    OwnHold,

    /// <summary>The caller is in none of the hold's approver groups (HTTP 403).</summary>
    NotAnApprover,

    /// <summary>No justification was given (HTTP 400).</summary>
    JustificationRequired,
}
