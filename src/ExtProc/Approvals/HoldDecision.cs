namespace Hush.ExtProc.Approvals;

/// <summary>An approver's decision on a pending hold.</summary>
/// <param name="Approve">True releases the answer; false refuses it.</param>
/// <param name="Approver">The approver's JWT subject.</param>
/// <param name="Justification">Why (required, non-empty).</param>
/// <param name="At">When the decision was made.</param>
/// <param name="ExpectedDigest">
/// When set, the digest of the held answer the approver saw: the decision applies only if it still equals
/// <see cref="HoldRecord.AnswerDigest"/> (binds the approval to exactly that answer).
/// </param>
internal sealed record HoldDecision(bool Approve, string Approver, string Justification, DateTimeOffset At, string? ExpectedDigest = null);
