namespace Hush.PolicyCompiler.Automata;

/// <summary>A byte-range transition of an NFA state.</summary>
/// <param name="Lo">First byte (inclusive).</param>
/// <param name="Hi">Last byte (inclusive).</param>
/// <param name="Target">NFA state reached.</param>
internal readonly record struct NfaTransition(byte Lo, byte Hi, int Target);
