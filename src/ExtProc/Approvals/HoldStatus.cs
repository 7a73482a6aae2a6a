namespace Hush.ExtProc.Approvals;

/// <summary>Where a hold is in its life. Only <see cref="Pending"/> can change; the other states are final.</summary>
internal enum HoldStatus
{
    /// <summary>Waiting for an approver.</summary>
    Pending,

    /// <summary>An approver released it (the answer may be delivered once).</summary>
    Approved,

    /// <summary>An approver refused it.</summary>
    Denied,

    /// <summary>Nobody decided before <see cref="HoldRecord.ExpiresAt"/>; treated as denied.</summary>
    Expired,
}
