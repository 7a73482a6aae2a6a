namespace Hush.PolicyCompiler.Syntax;

/// <summary>A capturing group, numbered from 1 in order of its opening parenthesis.</summary>
internal sealed record GroupNode(int Position, RegexNode Item, int Index, string? Name) : RegexNode(Position);
