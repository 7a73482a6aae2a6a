using Hush.ExtProc.Identity;

namespace Hush.ExtProc.Approvals;

/// <summary>
/// One held answer, as persisted. Holds only masked data: <see cref="Excerpt"/> and <see cref="MaskedAnswer"/> are
/// the bytes Hush would have released after masking, never the original secrets.
/// </summary>
internal sealed record HoldRecord
{
    /// <summary>Opaque id (<c>hold_</c> + 26 lowercase base32 characters), unguessable.</summary>
    public required string Id { get; init; }

    /// <summary>When the hold was raised.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a pending hold turns <see cref="HoldStatus.Expired"/>.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Current state.</summary>
    public HoldStatus Status { get; init; }

    /// <summary>Who asked: the verified JWT identity and CI provenance of the request (null without identity).</summary>
    public CallerIdentity? Requester { get; init; }

    /// <summary>The Hush route that served the exchange.</summary>
    public string? Route { get; init; }

    /// <summary>The LLM provider (openai, anthropic, …).</summary>
    public string? Provider { get; init; }

    /// <summary>The model the caller asked for.</summary>
    public string? Model { get; init; }

    /// <summary>The hold rules that fired, with reasons and approver groups.</summary>
    public IReadOnlyList<HeldRule> Rules { get; init; } = [];

    /// <summary>Union of the fired rules' approver groups: a caller in any of them may decide.</summary>
    public IReadOnlyList<string> ApproverGroups { get; init; } = [];

    /// <summary>Masked text around the held span, the span marked with <c>⟦</c> and <c>⟧</c>.</summary>
    public string Excerpt { get; init; } = "";

    /// <summary>SHA-256 (hex) of the policy artifact that raised the hold.</summary>
    public string PolicySha256 { get; init; } = "";

    /// <summary>SHA-256 (lowercase hex) of <see cref="MaskedAnswer"/>.</summary>
    public string AnswerDigest { get; init; } = "";

    /// <summary>The answer's content type.</summary>
    public string? ContentType { get; init; }

    /// <summary>The whole masked answer body (what an approval releases); null when a query left it out.</summary>
    public byte[]? MaskedAnswer { get; init; }

    /// <summary>Approver (JWT subject) of a decided hold.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>The approver's justification.</summary>
    public string? Justification { get; init; }

    /// <summary>When it was approved, denied or expired.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>When the approved answer was delivered (inline resume or deferred fetch); an approval is used once.</summary>
    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>The replica whose stream raised the hold (diagnostics).</summary>
    public string? Instance { get; init; }
}
