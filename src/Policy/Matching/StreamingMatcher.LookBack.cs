namespace Hush.Policy.Matching;

public sealed partial class StreamingMatcher
{
    /// <summary>
    /// The first byte a look-back rule's secret could start at if one of its literals starts at or after a position
    /// that is still open: the end of the input, or a tail position where the input ends in a proper prefix of one
    /// of the rule's literals. Up to K bytes from the rule's look-back set before such a position may be the
    /// secret's head, so they stay unreleased until the literal either arrives (and the woken rule holds them) or
    /// can no longer start there.
    /// </summary>
    /// <returns>The hold position, or <see cref="long.MaxValue"/> when nothing is held.</returns>
    private long LookBackHold()
    {
        var hold = long.MaxValue;
        var floor = Math.Max(_released, _workStart);
        foreach (var index in _matcher.LookBackRules)
        {
            var rule = _rules[index];
            var set = rule.LookBackSet;
            var first = Math.Max(floor, _end - (rule.MaxLiteralLength - 1));
            for (var s = _end; s >= first; s--)
            {
                if (s < _end && !rule.StartsLiteral(_work.AsSpan(Index(s), (int)(_end - s))))
                {
                    continue;
                }

                var from = s;
                var stop = Math.Max(floor, s - rule.LookBack);
                while (from > stop && set[_work[Index(from - 1)]])
                {
                    from--;
                }

                hold = Math.Min(hold, from);
            }
        }

        return hold;
    }
}
