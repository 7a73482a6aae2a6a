using System.Runtime.CompilerServices;

namespace Hush.Policy.Automata;

/// <summary>
/// An immutable deterministic automaton over byte classes, in the shape the scan loop wants: a 256-entry
/// byte-to-class map and one flat transition table whose rows have a power-of-two stride.
/// </summary>
/// <remarks>
/// <para>State ids are premultiplied: the id of state <c>i</c> is <c>i &lt;&lt; StrideLog2</c>, so the next
/// state is <c>Transitions[id + class]</c> with no multiplication. State 0 is the dead state (every transition
/// leads back to it). Class <see cref="EndOfInputClass"/> is the end-of-input pseudo byte; it is the last
/// class and never produced by <see cref="ByteClasses"/>.</para>
/// <para>States are numbered so that every state that needs attention (dead, accepting, secret-live, start)
/// has an id below <see cref="SpecialLimit"/>; the inner loop does one comparison per byte.</para>
/// <para>The automaton is unanchored (<c>(?s:.)*?R</c>) and reports a match one byte late: the state reached on
/// the byte at position <c>i</c> is accepting when a match of the rule ends at <c>i</c> (exclusive).</para>
/// </remarks>
public sealed class Dfa
{
    /// <summary>Largest number of states an artifact may declare for one automaton.</summary>
    public const int MaxStates = 1 << 20;

    /// <summary>Creates an automaton; <see cref="Validate"/> must return <see langword="null"/> for it.</summary>
    public Dfa(byte[] byteClasses, int classCount, int strideLog2, int[] transitions, StateFlags[] flags,
        int specialLimit, int[] startStates)
    {
        ByteClasses = byteClasses;
        ClassCount = classCount;
        StrideLog2 = strideLog2;
        Transitions = transitions;
        Flags = flags;
        SpecialLimit = specialLimit;
        StartStates = startStates;
    }

    /// <summary>Maps every byte value to its class, <c>0 ≤ class &lt; ClassCount</c>.</summary>
    public byte[] ByteClasses { get; }

    /// <summary>Number of byte classes (without the end-of-input class).</summary>
    public int ClassCount { get; }

    /// <summary>The class of the end-of-input pseudo byte; equal to <see cref="ClassCount"/>.</summary>
    public int EndOfInputClass => ClassCount;

    /// <summary>Log2 of the row stride; <c>1 &lt;&lt; StrideLog2 ≥ ClassCount + 1</c>.</summary>
    public int StrideLog2 { get; }

    /// <summary>Flat transition table of premultiplied state ids, <c>StateCount &lt;&lt; StrideLog2</c> long.</summary>
    public int[] Transitions { get; }

    /// <summary>Flags by state index (id &gt;&gt; <see cref="StrideLog2"/>).</summary>
    public StateFlags[] Flags { get; }

    /// <summary>Premultiplied id bound: every id at or above it is an ordinary state with no flags.</summary>
    public int SpecialLimit { get; }

    /// <summary>Premultiplied start state ids indexed by <see cref="LookBehind"/> (four entries).</summary>
    public int[] StartStates { get; }

    /// <summary>Number of states, the dead state included.</summary>
    public int StateCount => Flags.Length;

    /// <summary>Bytes of table memory this automaton holds.</summary>
    public long MemoryBytes => 256 + (long)Transitions.Length * sizeof(int) + Flags.Length + StartStates.Length * sizeof(int);

    /// <summary>The flags of a state given by its premultiplied id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public StateFlags FlagsOf(int stateId) => Flags[stateId >> StrideLog2];

    /// <summary>The start state for a scan whose previous byte is described by <paramref name="lookBehind"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int StartState(LookBehind lookBehind) => StartStates[(int)lookBehind];

    /// <summary>
    /// Checks every structural invariant the scan loop relies on, so that a corrupted table can never index
    /// out of range or loop. Returns a description of the first violation, or <see langword="null"/>.
    /// </summary>
    public string? Validate()
    {
        if (ByteClasses.Length != 256)
        {
            return $"byte class map has {ByteClasses.Length} entries, expected 256";
        }

        if (ClassCount < 1 || ClassCount > 256)
        {
            return $"class count {ClassCount} is outside 1..256";
        }

        if (StrideLog2 < 1 || StrideLog2 > 9 || (1 << StrideLog2) < ClassCount + 1)
        {
            return $"stride 2^{StrideLog2} cannot hold {ClassCount} classes plus end-of-input";
        }

        for (var b = 0; b < 256; b++)
        {
            if (ByteClasses[b] >= ClassCount)
            {
                return $"byte 0x{b:X2} maps to class {ByteClasses[b]}, but there are only {ClassCount} classes";
            }
        }

        var states = Flags.Length;
        if (states < 1 || states > MaxStates)
        {
            return $"state count {states} is outside 1..{MaxStates}";
        }

        if ((long)states << StrideLog2 != Transitions.Length)
        {
            return $"transition table has {Transitions.Length} entries, expected {(long)states << StrideLog2}";
        }

        var stride = 1 << StrideLog2;
        var mask = stride - 1;
        for (var i = 0; i < Transitions.Length; i++)
        {
            var t = Transitions[i];
            if (t < 0 || (t & mask) != 0 || (t >> StrideLog2) >= states)
            {
                return $"transition {i} (state {i >> StrideLog2}, class {i & mask}) targets invalid id {t}";
            }
        }

        for (var c = 0; c < stride; c++)
        {
            if (Transitions[c] != 0)
            {
                return "the dead state (0) has a transition out of it";
            }
        }

        if (SpecialLimit < stride || (SpecialLimit & mask) != 0 || (SpecialLimit >> StrideLog2) > states)
        {
            return $"special limit {SpecialLimit} is not a state boundary in 1..{states}";
        }

        var firstOrdinary = SpecialLimit >> StrideLog2;
        for (var s = firstOrdinary; s < states; s++)
        {
            if (Flags[s] != StateFlags.None)
            {
                return $"state {s} has flags {Flags[s]} but lies above the special limit";
            }
        }

        if (StartStates.Length != 4)
        {
            return $"expected 4 start states, found {StartStates.Length}";
        }

        foreach (var start in StartStates)
        {
            if (start < 0 || (start & mask) != 0 || (start >> StrideLog2) >= states)
            {
                return $"start state id {start} is invalid";
            }
        }

        return null;
    }
}
