namespace Hush.PolicyCompiler.Syntax;

/// <summary>A quantifier. <see cref="Max"/> is -1 for unbounded.</summary>
internal sealed record RepeatNode(int Position, RegexNode Item, int Min, int Max, bool Lazy) : RegexNode(Position)
{
    /// <summary>Whether the repetition has no upper bound.</summary>
    public bool Unbounded => Max < 0;
}
