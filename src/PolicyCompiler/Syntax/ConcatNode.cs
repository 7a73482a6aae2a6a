namespace Hush.PolicyCompiler.Syntax;

/// <summary>A sequence; an empty list matches the empty string.</summary>
internal sealed record ConcatNode(int Position, IReadOnlyList<RegexNode> Items) : RegexNode(Position);
