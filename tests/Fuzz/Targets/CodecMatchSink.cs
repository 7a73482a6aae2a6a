using Hush.ExtProc.Codecs;
using Hush.Policy.Rules;

namespace Hush.Fuzz.Targets;

/// <summary>Counts a codec's confirmed matches; the codec target needs a sink but judges only the output bytes.</summary>
internal sealed class CodecMatchSink : IMatchSink
{
    /// <summary>Matches reported so far.</summary>
    public int Count { get; private set; }

    /// <inheritdoc />
    public void OnMatch(int ruleIndex, RuleAction action) => Count++;
}
