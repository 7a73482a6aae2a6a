using Hush.ExtProc.Codecs;
using Hush.Policy.Rules;

namespace Hush.ExtProc.Tests.Codecs.Json;

/// <summary>Collects the matches a codec reports.</summary>
internal sealed class RecordingSink : IMatchSink
{
    public List<(int Rule, RuleAction Action)> Matches { get; } = [];

    public void OnMatch(int ruleIndex, RuleAction action) => Matches.Add((ruleIndex, action));
}
