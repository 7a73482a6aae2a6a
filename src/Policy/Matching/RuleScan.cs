namespace Hush.Policy.Matching;

/// <summary>The scanning state of one awake rule in one stream (all positions are stream offsets).</summary>
internal struct RuleScan
{
    /// <summary>Local index of the rule in its <see cref="PolicyMatcher"/>.</summary>
    public int Rule;

    /// <summary>Premultiplied DFA state after the byte before <see cref="Pos"/>.</summary>
    public int State;

    /// <summary>Next byte to feed to the automaton.</summary>
    public long Pos;

    /// <summary>r0: where this scan started (wake or resume); no match of the rule starts before it unreported.</summary>
    public long Origin;

    /// <summary>q: the last position at which the automaton was in a start state.</summary>
    public long LastStart;

    /// <summary>First byte of the current run of secret-live states.</summary>
    public long SliveFrom;

    /// <summary>Position of the byte whose state was last secret-live (-2 when none).</summary>
    public long LastSlive;

    /// <summary>e1: end of the earliest-ending match found and not yet confirmed, or -1.</summary>
    public long Candidate;

    /// <summary>The rule may go back to sleep only at or after this position (past its latest literal hit).</summary>
    public long StayAwakeUntil;
}
