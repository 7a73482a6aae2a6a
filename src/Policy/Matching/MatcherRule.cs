using System.Buffers;
using Hush.Policy.Automata;
using Hush.Policy.Confirmation;
using Hush.Policy.Rules;

namespace Hush.Policy.Matching;

/// <summary>
/// One rule as the scan loop wants it: the automaton's arrays unpacked into fields, the hold-back and wake
/// distances, the start-state skip sets, and the rule's confirmer and replacement. Immutable, shared by streams.
/// </summary>
internal sealed class MatcherRule
{
    /// <summary>By byte value: whether some literal starts with it (either ASCII case); a cheap test before <see cref="StartsLiteral"/>.</summary>
    private readonly bool[] _literalFirstBytes = new bool[256];

    /// <summary>Unpacks <paramref name="rule"/> (index <paramref name="ruleIndex"/> in its policy).</summary>
    public MatcherRule(CompiledRule rule, int ruleIndex, TimeSpan confirmTimeout)
    {
        if (rule.MaxMatchLength <= 0)
        {
            throw new ArgumentException($"rule '{rule.Id}' has no positive maximum match length", nameof(rule));
        }

        Rule = rule;
        RuleIndex = ruleIndex;
        var dfa = rule.Automaton;

        // The scan loop indexes the tables without bounds checks; that is sound only for a validated automaton.
        if (dfa.Validate() is { } problem)
        {
            throw new ArgumentException($"rule '{rule.Id}' has an invalid automaton: {problem}", nameof(rule));
        }

        Transitions = dfa.Transitions;
        ByteClasses = dfa.ByteClasses;
        Flags = dfa.Flags;
        StrideLog2 = dfa.StrideLog2;
        SpecialLimit = dfa.SpecialLimit;
        StartStates = dfa.StartStates;
        EndOfInputClass = dfa.EndOfInputClass;
        MaxMatchLength = rule.MaxMatchLength;
        var noLiteral = rule.Prefilter.AlwaysOn || Array.Exists(rule.Prefilter.Literals, l => l.Length == 0);
        Run = noLiteral ? RunRequirement.Analyze(rule.ConfirmPattern, rule.MaxMatchLength) : null;
        AlwaysOn = noLiteral && Run is null;
        LookBack = noLiteral ? 0 : Math.Max(0, rule.Prefilter.LookBack);

        // A run-woken rule's match contains its n-byte run, so it starts at most L - n bytes before the run.
        MaxPrefix = Run is not null ? MaxMatchLength - Run.Length : noLiteral ? 0 : Math.Max(LookBack, rule.Prefilter.MaxPrefix);
        Literals = noLiteral ? [] : rule.Prefilter.Literals;
        LookBackSet = new bool[256];
        for (var b = 0; b < LookBackSet.Length && LookBack > 0; b++)
        {
            LookBackSet[b] = rule.Prefilter.CanPrecede((byte)b);
        }

        foreach (var literal in Literals)
        {
            MaxLiteralLength = Math.Max(MaxLiteralLength, literal.Length);
            if (literal.Length > 0)
            {
                var first = SecretChecks.ToLowerAscii(literal[0]);
                _literalFirstBytes[first] = true;
                _literalFirstBytes[first is >= (byte)'a' and <= (byte)'z' ? first - 0x20 : first] = true;
            }
        }
        Action = rule.Action;
        Confirmer = new CandidateConfirmer(rule, confirmTimeout);
        Replacement = ReplacementTemplate.Parse(rule.Replacement, rule.Id);
        (SkipSets, SkipLoops) = BuildSkipSets(dfa);
        Attention = new bool[dfa.StateCount];
        for (var state = 0; state < Attention.Length; state++)
        {
            Attention[state] = state == 0 || (dfa.Flags[state] & StateFlags.Accepting) != 0;
        }
    }

    /// <summary>The compiled rule.</summary>
    public CompiledRule Rule { get; }

    /// <summary>Index of the rule in its policy (reported in events).</summary>
    public int RuleIndex { get; }

    /// <summary>Flat transition table of premultiplied ids.</summary>
    public int[] Transitions { get; }

    /// <summary>Byte to class map.</summary>
    public byte[] ByteClasses { get; }

    /// <summary>Flags by state index.</summary>
    public StateFlags[] Flags { get; }

    /// <summary>Row stride log2.</summary>
    public int StrideLog2 { get; }

    /// <summary>Ids below this need the flag handler.</summary>
    public int SpecialLimit { get; }

    /// <summary>Start state ids by <see cref="LookBehind"/>.</summary>
    public int[] StartStates { get; }

    /// <summary>The end-of-input class.</summary>
    public int EndOfInputClass { get; }

    /// <summary>L: the longest possible match.</summary>
    public int MaxMatchLength { get; }

    /// <summary>How far before a literal occurrence a match may start.</summary>
    public int MaxPrefix { get; }

    /// <summary>K: most secret bytes that can precede a literal's start (0 for always-on rules).</summary>
    public int LookBack { get; }

    /// <summary>By byte value: whether it can be one of the <see cref="LookBack"/> secret bytes before a literal.</summary>
    public bool[] LookBackSet { get; }

    /// <summary>The rule's prefilter literals, ASCII-lower-cased (empty for always-on rules).</summary>
    public byte[][] Literals { get; }

    /// <summary>Length of the rule's longest literal (0 for always-on rules).</summary>
    public int MaxLiteralLength { get; }

    /// <summary>Whether the automaton scans every byte instead of waking on literals or runs.</summary>
    public bool AlwaysOn { get; }

    /// <summary>For a rule without literals: the byte run every match contains, which wakes it; else null.</summary>
    public RunRequirement? Run { get; }

    /// <summary>Mask or hold.</summary>
    public RuleAction Action { get; }

    /// <summary>Exact decision on candidates.</summary>
    public CandidateConfirmer Confirmer { get; }

    /// <summary>The parsed replacement template.</summary>
    public ReplacementTemplate Replacement { get; }

    /// <summary>
    /// For each start state (by state index, null for other states): the bytes on which it loops to itself, so
    /// runs of them can be skipped with a vectorised search.
    /// </summary>
    public SearchValues<byte>?[] SkipSets { get; }

    /// <summary>
    /// The same sets as byte tables, consulted before the vectorised skip: calling it when the very next byte
    /// leaves the state costs more than the byte (measured on text full of word boundaries).
    /// </summary>
    public bool[]?[] SkipLoops { get; }

    /// <summary>
    /// By state index: dead or accepting. An always-on rule handles only these inline; its start and
    /// secret-live states (nearly every byte on ordinary text) stay on the fast path.
    /// </summary>
    public bool[] Attention { get; }

    /// <summary>Whether <paramref name="tail"/> (non-empty) is a proper prefix of one of the literals, ignoring ASCII case.</summary>
    public bool StartsLiteral(ReadOnlySpan<byte> tail)
    {
        if (!_literalFirstBytes[tail[0]])
        {
            return false;
        }

        foreach (var literal in Literals)
        {
            if (literal.Length > tail.Length && SecretChecks.EqualsIgnoreAsciiCase(tail, literal.AsSpan(0, tail.Length)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The start state for a scan that begins at <paramref name="position"/> after <paramref name="previous"/>.</summary>
    public int StartStateAt(long position, byte previous) =>
        StartStates[(int)(position == 0 ? LookBehind.TextStart : LookBehindClassifier.Classify(previous))];

    private static (SearchValues<byte>?[] Sets, bool[]?[] Loops) BuildSkipSets(Dfa dfa)
    {
        var specialStates = dfa.SpecialLimit >> dfa.StrideLog2;
        var sets = new SearchValues<byte>?[specialStates];
        var loops = new bool[]?[specialStates];
        Span<byte> loop = stackalloc byte[256];
        for (var state = 1; state < specialStates; state++)
        {
            if ((dfa.Flags[state] & StateFlags.Start) == 0 || (dfa.Flags[state] & StateFlags.Accepting) != 0)
            {
                continue;
            }

            var id = state << dfa.StrideLog2;
            var count = 0;
            var table = new bool[256];
            for (var b = 0; b < 256; b++)
            {
                if (dfa.Transitions[id + dfa.ByteClasses[b]] == id)
                {
                    loop[count++] = (byte)b;
                    table[b] = true;
                }
            }

            if (count > 0)
            {
                sets[state] = SearchValues.Create(loop[..count]);
                loops[state] = table;
            }
        }

        return (sets, loops);
    }
}
