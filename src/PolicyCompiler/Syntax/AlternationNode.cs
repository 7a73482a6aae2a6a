namespace Hush.PolicyCompiler.Syntax;

/// <summary>Alternatives in preference order (leftmost-first).</summary>
internal sealed record AlternationNode(int Position, IReadOnlyList<RegexNode> Alternatives) : RegexNode(Position);
