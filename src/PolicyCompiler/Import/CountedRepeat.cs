namespace Hush.PolicyCompiler.Import;

/// <summary>A counted repetition found by <see cref="PatternShape"/>, located in the pattern text.</summary>
/// <param name="AtomStart">Start of the repeated atom when it matches exactly one position (character, escape,
/// class, <c>.</c>); -1 when it is a group, which cannot be split without duplicating its captures.</param>
/// <param name="AtomEnd">End (exclusive) of the atom text.</param>
/// <param name="QuantifierStart">Start of the quantifier text.</param>
/// <param name="QuantifierEnd">End (exclusive) of the quantifier text, lazy <c>?</c> included.</param>
/// <param name="Min">Minimum count.</param>
/// <param name="Max">Maximum count, or null when unbounded.</param>
/// <param name="Lazy">Whether the quantifier is lazy.</param>
internal readonly record struct CountedRepeat(
    int AtomStart, int AtomEnd, int QuantifierStart, int QuantifierEnd, int Min, int? Max, bool Lazy);
