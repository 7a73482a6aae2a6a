namespace Hush.PolicyCompiler.Policies;

/// <summary>A sequence of nodes in source order.</summary>
internal sealed record YamlSequence(int Start, int End, IReadOnlyList<YamlNodeBase> Items) : YamlNodeBase(Start, End)
{
    /// <inheritdoc />
    public override string KindName => "a sequence";
}
