using Hush.ExtProc.Codecs;
using Hush.Policy.Rules;

namespace Hush.Benchmarks.Sse;

/// <summary>Counts confirmed matches (rule and action only, never content).</summary>
internal sealed class CountingMatchSink : IMatchSink
{
    /// <summary>Matches reported.</summary>
    public long Count { get; private set; }

    /// <inheritdoc />
    public void OnMatch(int ruleIndex, RuleAction action) => Count++;
}
