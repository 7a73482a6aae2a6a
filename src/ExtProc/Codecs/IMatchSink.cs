using Hush.Policy.Rules;

namespace Hush.ExtProc.Codecs;

/// <summary>Receives every confirmed match of a codec (for metrics, and later the audit): rule and action, never content.</summary>
internal interface IMatchSink
{
    /// <summary>A match of the policy rule at <paramref name="ruleIndex"/> was confirmed.</summary>
    void OnMatch(int ruleIndex, RuleAction action);
}
