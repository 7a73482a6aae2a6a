namespace Hush.ExtProc.Audit;

/// <summary>Which records a query or export returns. Unset conditions match everything; set ones are ANDed.</summary>
internal sealed record AuditFilter
{
    /// <summary>Matches every record.</summary>
    public static AuditFilter All { get; } = new();

    /// <summary>Records written at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Records written before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Exact JWT subject.</summary>
    public string? Subject { get; init; }

    /// <summary>Exact CI repository (owner/name).</summary>
    public string? Repository { get; init; }

    /// <summary>Exact CI run id.</summary>
    public string? RunId { get; init; }

    /// <summary>Records with at least one hit of this rule id.</summary>
    public string? Rule { get; init; }

    /// <summary>Records with this verdict.</summary>
    public AuditVerdict? Verdict { get; init; }

    /// <summary>Only records with a sequence number above this (paging).</summary>
    public long? AfterSequence { get; init; }

    /// <summary>At most this many records.</summary>
    public int? Limit { get; init; }
}
