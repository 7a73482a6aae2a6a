namespace Hush.ExtProc.Processing;

/// <summary>The answer to a deferred fetch (<c>GET {prefix}{id}/response</c>).</summary>
internal enum FetchOutcome
{
    /// <summary>Approved and delivered now (200; single use).</summary>
    Released,

    /// <summary>No such hold (404).</summary>
    NotFound,

    /// <summary>The caller is not the requester, or has no identity (403).</summary>
    Forbidden,

    /// <summary>Still waiting for a decision (202).</summary>
    Pending,

    /// <summary>Denied or expired (403).</summary>
    Refused,

    /// <summary>Already delivered once (410).</summary>
    Collected,

    /// <summary>The store failed (503).</summary>
    Failed,
}
