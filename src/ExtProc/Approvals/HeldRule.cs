namespace Hush.ExtProc.Approvals;

/// <summary>One hold rule that fired in a held answer: its id, the policy's reason, who may approve, and how often it matched.</summary>
/// <param name="Rule">The policy rule id.</param>
/// <param name="Reason">The rule's <c>reason</c> from the policy.</param>
/// <param name="Approvers">Groups allowed to approve (the rule's <c>approvers</c>).</param>
/// <param name="Count">Matches of the rule in the answer.</param>
internal sealed record HeldRule(string Rule, string Reason, IReadOnlyList<string> Approvers, long Count);
