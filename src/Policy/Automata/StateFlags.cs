namespace Hush.Policy.Automata;

/// <summary>Properties of a DFA state that the matcher handles outside its inner loop.</summary>
/// <remarks>
/// Every state with a non-zero flag (and the dead state) is numbered below <see cref="Dfa.SpecialLimit"/>,
/// so the scan loop needs a single comparison per byte to know that it must look at the flags.
/// </remarks>
[Flags]
public enum StateFlags : byte
{
    /// <summary>Nothing special: some match may be in progress, but no byte of a secret has been seen.</summary>
    None = 0,

    /// <summary>
    /// A match ends immediately before the last byte consumed (matches are reported one byte late, so that
    /// look-ahead assertions such as <c>\b</c> and <c>$</c> can see the next byte). A state reached through the
    /// end-of-input class is accepting when a match ends at the end of the input.
    /// </summary>
    Accepting = 1,

    /// <summary>Some live thread has entered the secret group (or passed it and not yet finished the match).</summary>
    SecretLive = 2,

    /// <summary>
    /// Nothing is in progress: the state's NFA set is the unanchored start set (it differs from the other start
    /// states only in what it remembers of the previous byte).
    /// </summary>
    Start = 4,
}
