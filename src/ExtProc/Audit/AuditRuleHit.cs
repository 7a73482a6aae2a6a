namespace Hush.ExtProc.Audit;

/// <summary>One rule that matched in an exchange and how often. Only the rule id and a count: never the matched value.</summary>
/// <param name="Rule">The policy rule id.</param>
/// <param name="Count">How many matches the rule had in the exchange.</param>
internal sealed record AuditRuleHit(string Rule, long Count);
