namespace Hush.PolicyCompiler.Syntax;

/// <summary>A node of a parsed pattern. <see cref="Position"/> is the offset of the construct in the pattern text.</summary>
internal abstract record RegexNode(int Position);
