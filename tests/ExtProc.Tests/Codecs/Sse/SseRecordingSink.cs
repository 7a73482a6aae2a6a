using Hush.ExtProc.Codecs;
using Hush.Policy.Rules;

namespace Hush.ExtProc.Tests.Codecs.Sse;

/// <summary>Collects the matches a codec reports.</summary>
internal sealed class SseRecordingSink : IMatchSink
{
    /// <summary>Reported matches in order.</summary>
    public List<(int Rule, RuleAction Action)> Matches { get; } = [];

    /// <inheritdoc />
    public void OnMatch(int ruleIndex, RuleAction action) => Matches.Add((ruleIndex, action));
}
