namespace Hush.PolicyCompiler.Policies;

/// <summary>A mapping whose keys are scalars, in source order (duplicates are rejected when it is read).</summary>
internal sealed record YamlMapping(int Start, int End, IReadOnlyList<KeyValuePair<YamlScalar, YamlNodeBase>> Entries)
    : YamlNodeBase(Start, End)
{
    /// <inheritdoc />
    public override string KindName => "a mapping";
}
