namespace Hush.ExtProc.Approvals;

/// <summary>The outcome of <see cref="ApprovalService.DecideAsync"/>: the error, and the hold as it now stands (null when unknown).</summary>
/// <param name="Error">Why the decision was refused, or <see cref="DecisionError.None"/>.</param>
/// <param name="Hold">The hold after the attempt.</param>
internal sealed record DecisionResult(DecisionError Error, HoldRecord? Hold);
