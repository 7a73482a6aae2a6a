namespace Hush.PolicyCompiler.Syntax;

/// <summary>
/// One character from a set: a literal, a class, <c>.</c> or an escape. Case folding of <c>(?i)</c> is already
/// applied by the parser, so a case-insensitive literal <c>a</c> arrives as the set <c>{A, a}</c>.
/// </summary>
/// <param name="Position">Offset in the pattern.</param>
/// <param name="Ranges">Sorted, non-overlapping, non-adjacent code point ranges (at least one).</param>
internal sealed record CharSetNode(int Position, IReadOnlyList<CodePointRange> Ranges) : RegexNode(Position);
