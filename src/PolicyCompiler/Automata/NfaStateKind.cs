namespace Hush.PolicyCompiler.Automata;

/// <summary>What a Thompson NFA state does.</summary>
internal enum NfaStateKind : byte
{
    /// <summary>Consumes one byte through its transitions.</summary>
    Bytes,

    /// <summary>Epsilon to <c>Next1</c> and <c>Next2</c> (Next2 may be -1).</summary>
    Split,

    /// <summary>Epsilon to <c>Next1</c> when the assertion holds.</summary>
    Look,

    /// <summary>The match state.</summary>
    Match,
}
