using Hush.ExtProc.Identity;

namespace Hush.ExtProc.Audit;

/// <summary>
/// One audited exchange. Text fields hold only what Hush already emitted after masking: callers must pass the
/// <em>masked</em> request and response, and rule ids with counts, never matched values. The store assigns
/// <see cref="Sequence"/>, <see cref="Time"/>, <see cref="PrevHash"/> and <see cref="Hash"/> on append.
/// </summary>
internal sealed record AuditRecord
{
    /// <summary>Position in the chain, from 1, gapless. Assigned on append.</summary>
    public long Sequence { get; init; }

    /// <summary>When the record was appended (the store's TimeProvider, UTC, 100 ns precision).</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>Where the identity came from (<c>metadata</c> or <c>header</c>), or null without identity.</summary>
    public string? IdentitySource { get; init; }

    /// <summary>The caller's JWT <c>sub</c>.</summary>
    public string? Subject { get; init; }

    /// <summary>The caller's JWT <c>email</c>.</summary>
    public string? Email { get; init; }

    /// <summary>The caller's groups, in token order.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>CI system (github-actions, gitlab-ci, mapped name).</summary>
    public string? CiSystem { get; init; }

    /// <summary>CI repository or project path.</summary>
    public string? Repository { get; init; }

    /// <summary>CI run or pipeline id.</summary>
    public string? RunId { get; init; }

    /// <summary>CI run attempt.</summary>
    public string? RunAttempt { get; init; }

    /// <summary>CI job id.</summary>
    public string? JobId { get; init; }

    /// <summary>Commit SHA.</summary>
    public string? Sha { get; init; }

    /// <summary>Git ref.</summary>
    public string? Ref { get; init; }

    /// <summary>CI workflow name.</summary>
    public string? Workflow { get; init; }

    /// <summary>Reusable workflow reference.</summary>
    public string? JobWorkflowRef { get; init; }

    /// <summary>Who triggered the run.</summary>
    public string? Actor { get; init; }

    /// <summary>The Hush route name that served the exchange.</summary>
    public string? Route { get; init; }

    /// <summary>The LLM provider (openai, anthropic, …).</summary>
    public string? Provider { get; init; }

    /// <summary>The model the caller asked for.</summary>
    public string? Model { get; init; }

    /// <summary>SHA-256 (hex) of the policy artifact that judged the exchange.</summary>
    public string? PolicySha256 { get; init; }

    /// <summary>Rule ids that matched and their counts.</summary>
    public IReadOnlyList<AuditRuleHit> RuleHits { get; init; } = [];

    /// <summary>The outcome.</summary>
    public AuditVerdict Verdict { get; init; }

    /// <summary>Who approved or denied a hold.</summary>
    public string? Approver { get; init; }

    /// <summary>The approver's justification.</summary>
    public string? Justification { get; init; }

    /// <summary>Exchange latency in microseconds.</summary>
    public long LatencyMicroseconds { get; init; }

    /// <summary>The hold this record belongs to (a held exchange and its later decision share it).</summary>
    public string? HoldId { get; init; }

    /// <summary>The masked request body, capped at <see cref="AuditOptions.MaxMaskedBytes"/>.</summary>
    public MaskedText? MaskedRequest { get; init; }

    /// <summary>True when <see cref="MaskedRequest"/> was cut at the cap.</summary>
    public bool RequestTruncated { get; init; }

    /// <summary>The masked response body, capped at <see cref="AuditOptions.MaxMaskedBytes"/>.</summary>
    public MaskedText? MaskedResponse { get; init; }

    /// <summary>True when <see cref="MaskedResponse"/> was cut at the cap.</summary>
    public bool ResponseTruncated { get; init; }

    /// <summary>Hash of the previous record (64 zeros for the first record). Assigned on append.</summary>
    public string PrevHash { get; init; } = AuditCanonical.GenesisHash;

    /// <summary>SHA-256 (lowercase hex) of this record's canonical form. Assigned on append.</summary>
    public string Hash { get; init; } = "";

    /// <summary>A record carrying the caller's identity and CI provenance (both may be absent).</summary>
    public static AuditRecord ForCaller(CallerIdentity? caller) => new()
    {
        IdentitySource = caller?.Source,
        Subject = caller?.Subject,
        Email = caller?.Email,
        Groups = caller?.Groups ?? [],
        CiSystem = caller?.Ci?.System,
        Repository = caller?.Ci?.Repository,
        RunId = caller?.Ci?.RunId,
        RunAttempt = caller?.Ci?.RunAttempt,
        JobId = caller?.Ci?.JobId,
        Sha = caller?.Ci?.Sha,
        Ref = caller?.Ci?.Ref,
        Workflow = caller?.Ci?.Workflow,
        JobWorkflowRef = caller?.Ci?.JobWorkflowRef,
        Actor = caller?.Ci?.Actor,
    };
}
