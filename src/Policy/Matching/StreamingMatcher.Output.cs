using System.Buffers;
using System.Diagnostics;
using Hush.Policy.Confirmation;
using Hush.Policy.Rules;

namespace Hush.Policy.Matching;

public sealed partial class StreamingMatcher
{
    /// <summary>
    /// Confirms the pending candidate of a rule on its window and resumes the rule's scan: at the match end when a
    /// match starts by the candidate, otherwise just after the candidate's accepting position.
    /// </summary>
    private void ConfirmCandidate(ref RuleScan st, MatcherRule rule, long windowEnd)
    {
        var e1 = st.Candidate;
        var length = rule.MaxMatchLength;
        var origin = Math.Max(Math.Max(st.Origin, st.LastStart), e1 - length);
        var windowStart = Math.Max(Math.Max(origin - 1, 0), _workStart);
        var window = _work.AsSpan(Index(windowStart), (int)(windowEnd - windowStart));
        var result = rule.Confirmer.Confirm(window, (int)(origin - windowStart), (int)(e1 - windowStart));
        long resume;
        switch (result.Kind)
        {
            case ConfirmationKind.Confirmed:
                Record(st.Rule, windowStart + result.SecretStart, windowStart + result.SecretEnd);
                resume = windowStart + result.MatchEnd;
                break;
            case ConfirmationKind.Rejected:
                resume = windowStart + result.MatchEnd;
                break;
            case ConfirmationKind.TimedOut:
                // Fail closed: everything the candidate could have made secret is masked.
                Record(st.Rule, CandidateHold(ref st, rule), windowEnd);
                resume = windowEnd;
                break;
            default:
                resume = e1 + 1;
                break;
        }

        // A valid rule's match is never empty, so the scan always moves past its origin; a corrupt artifact's confirm
        // pattern may match the empty string, which would find the same candidate forever (a fuzz finding).
        resume = Math.Min(Math.Max(resume, st.Origin + 1), _end);
        Restart(ref st, resume, resume == 0 ? (byte)0 : _work[Index(resume - 1)]);
    }

    /// <summary>Reports a confirmed secret span and queues it for masking when the rule masks.</summary>
    private void Record(int rule, long start, long end)
    {
        var matcherRule = _rules[rule];
        if (_matcher.OriginIndex[rule] >= 0 && IsRecorded(matcherRule.RuleIndex, start, end))
        {
            // Scanned again after an out-of-order hit (OnHit): found already.
            return;
        }

        if (_eventCount == _events.Length)
        {
            Array.Resize(ref _events, _events.Length * 2);
        }

        _events[_eventCount++] = new MatchEvent(matcherRule.RuleIndex, matcherRule.Action, start, end);
        if (matcherRule.Action != RuleAction.Mask || end <= start)
        {
            return;
        }

        // Only a rule scanned again after an out-of-order hit can re-find a span it already released (masked).
        Debug.Assert(start >= _released || _matcher.OriginIndex[rule] >= 0, "a confirmed secret starts in released bytes");
        start = Math.Max(start, _released);
        if (end <= start)
        {
            return;
        }

        if (_spanCount == _spans.Length)
        {
            Array.Resize(ref _spans, _spans.Length * 2);
        }

        // Keep spans sorted by (start, policy rule index): the first span of a merged run picks the replacement.
        var i = _spanCount++;
        while (i > 0 && (_spans[i - 1].Start > start
            || (_spans[i - 1].Start == start && _rules[_spans[i - 1].Rule].RuleIndex > matcherRule.RuleIndex)))
        {
            _spans[i] = _spans[i - 1];
            i--;
        }

        _spans[i] = new PendingSpan(start, end, rule);
    }

    /// <summary>Whether the events not yet cleared hold this exact span of this rule.</summary>
    private bool IsRecorded(int ruleIndex, long start, long end)
    {
        foreach (var e in _events.AsSpan(0, _eventCount))
        {
            if (e.RuleIndex == ruleIndex && e.Start == start && e.End == end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first byte a pending candidate's secret can start at.</summary>
    private static long CandidateHold(ref RuleScan st, MatcherRule rule)
    {
        var hold = Math.Max(Math.Max(st.Origin, st.LastStart), st.Candidate - rule.MaxMatchLength);
        return st.LastSlive == st.Candidate ? Math.Max(hold, st.SliveFrom) : hold;
    }

    /// <summary>The first byte an awake rule may still turn into a secret, or <see cref="long.MaxValue"/>.</summary>
    private long RuleHold(ref RuleScan st)
    {
        var rule = _rules[st.Rule];
        if (st.Candidate >= 0)
        {
            return CandidateHold(ref st, rule);
        }

        if (st.LastSlive == st.Pos - 1)
        {
            return Math.Max(Math.Max(st.SliveFrom, st.Pos - rule.MaxMatchLength), Math.Max(st.Origin, st.LastStart));
        }

        return long.MaxValue;
    }

    /// <summary>
    /// Writes bytes up to the release limit (the minimum hold over rules and the partial-literal tail), replacing
    /// each merged run of overlapping confirmed spans once the run ends at or below the limit: every later span
    /// starts at or after the limit, so it cannot overlap the run any more (adjacent spans do not merge).
    /// </summary>
    private void Release(IBufferWriter<byte> output, bool final)
    {
        var limit = _end;
        if (!final)
        {
            var prefilter = _matcher.Prefilter;
            if (prefilter is not null)
            {
                var tailStart = Math.Max(_released, _end - prefilter.MaxLiteralLength);
                limit -= prefilter.PartialSuffixLength(_work.AsSpan(Index(tailStart), (int)(_end - tailStart)));
                limit = Math.Min(limit, LookBackHold());
            }

            for (var slot = 0; slot < _activeCount; slot++)
            {
                limit = Math.Min(limit, RuleHold(ref _active[slot]));
            }
        }

        var cursor = _released;
        var consumed = 0;
        var blocked = false;
        while (consumed < _spanCount)
        {
            var start = _spans[consumed].Start;
            var end = _spans[consumed].End;
            var next = consumed + 1;
            while (next < _spanCount && _spans[next].Start < end)
            {
                end = Math.Max(end, _spans[next].End);
                next++;
            }

            // A later span starts at or after the limit, so a run ending at or below it is complete.
            if (end > limit)
            {
                WriteRange(output, cursor, Math.Max(cursor, Math.Min(limit, start)));
                cursor = Math.Max(cursor, Math.Min(limit, start));
                blocked = true;
                break;
            }

            WriteRange(output, cursor, start);
            var written = _rules[_spans[consumed].Rule].Replacement.Render(_work.AsSpan(Index(start), (int)(end - start)), output, _matcher.PlaceholderKey.Span);
            LogReplacement(start, end, written);
            cursor = end;
            consumed = next;
        }

        if (!blocked && cursor < limit)
        {
            WriteRange(output, cursor, limit);
            cursor = limit;
        }

        if (consumed > 0)
        {
            _spans.AsSpan(consumed, _spanCount - consumed).CopyTo(_spans);
            _spanCount -= consumed;
        }

        _released = cursor;
    }

    private void WriteRange(IBufferWriter<byte> output, long from, long to)
    {
        if (to > from)
        {
            output.Write(_work.AsSpan(Index(from), (int)(to - from)));
        }
    }
}
