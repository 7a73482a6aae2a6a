namespace Hush.PolicyCompiler.Policies;

/// <summary>A node of the policy's YAML tree with the character offsets where it was written.</summary>
/// <param name="Start">Character index of the node's first character in the file.</param>
/// <param name="End">Character index just past the node.</param>
internal abstract record YamlNodeBase(int Start, int End)
{
    /// <summary>A short name of the node kind for "expected X, found Y" messages.</summary>
    public abstract string KindName { get; }
}
