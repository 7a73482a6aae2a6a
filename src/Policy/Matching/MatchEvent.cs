using Hush.Policy.Rules;

namespace Hush.Policy.Matching;

/// <summary>A confirmed match of a rule: its secret span in stream offsets (end exclusive).</summary>
/// <param name="RuleIndex">Index of the rule in <see cref="CompiledPolicy.Rules"/>.</param>
/// <param name="Action">Mask (the span is replaced) or hold (a verdict; no byte changes).</param>
/// <param name="Start">Stream offset of the first secret byte.</param>
/// <param name="End">Stream offset just after the last secret byte.</param>
public readonly record struct MatchEvent(int RuleIndex, RuleAction Action, long Start, long End);
