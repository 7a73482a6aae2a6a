namespace Hush.PolicyCompiler.Syntax;

/// <summary>A zero-width assertion.</summary>
internal sealed record AssertionNode(int Position, AssertionKind Kind) : RegexNode(Position);
