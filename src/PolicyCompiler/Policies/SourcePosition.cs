namespace Hush.PolicyCompiler.Policies;

/// <summary>A 1-based line and column (in characters) inside a policy file.</summary>
internal readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>The first character of a file, used when nothing better is known.</summary>
    public static SourcePosition FileStart { get; } = new(1, 1);

    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}";
}
