namespace Hush.Policy.Automata;

/// <summary>
/// What a DFA start state remembers about the byte before the scan position; selects one of the four start
/// states so that <c>\A ^ \b \B</c> are answered correctly when a scan begins in the middle of a stream.
/// </summary>
public enum LookBehind : byte
{
    /// <summary>Position 0 of the stream: <c>\A</c> and <c>^</c> hold.</summary>
    TextStart = 0,

    /// <summary>The previous byte is an ASCII word byte <c>[0-9A-Za-z_]</c>.</summary>
    Word = 1,

    /// <summary>The previous byte is <c>\n</c> (<c>(?m)^</c> holds).</summary>
    LineFeed = 2,

    /// <summary>Any other previous byte.</summary>
    Other = 3,
}
